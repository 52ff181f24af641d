package org.aftermath.web;

import jakarta.ws.rs.core.Response;

/** HTTP statuses that jakarta.ws.rs.core.Response.Status does not name. */
public final class StatusCodes {

    public static final Response.StatusType UNPROCESSABLE = status(422, "Unprocessable Content");

    private StatusCodes() {
    }

    private static Response.StatusType status(int code, String reason) {
        return new Response.StatusType() {
            @Override
            public int getStatusCode() {
                return code;
            }

            @Override
            public Response.Status.Family getFamily() {
                return Response.Status.Family.familyOf(code);
            }

            @Override
            public String getReasonPhrase() {
                return reason;
            }
        };
    }
}
