package org.aftermath.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The front door. */
@Path("/")
@RolesAllowed("viewer")
public class HomePages {

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/incidents")).build();
    }
}
