package org.aftermath.web;

import org.aftermath.InvalidInputException.FieldError;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Page forms get the rule JSON bodies get from {@link TextWithoutControls}: no field may hold a control
 * character other than tab and line breaks. PostgreSQL cannot store NUL, and the rest only ever arrive by
 * mistake or malice; refusing them here names the field instead of failing somewhere deeper.
 */
public class FormTextFilter {

    @CsrfProtected
    @WithFormRead
    @ServerRequestFilter
    public void refuseControlCharacters(ResteasyReactiveContainerRequestContext context) {
        FormData form = ((ResteasyReactiveRequestContext) context.getServerRequestContext()).getFormData();
        if (form == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String field : form) {
            for (FormValue value : form.get(field)) {
                if (!value.isFileItem() && TextWithoutControls.forbiddenAt(value.getValue()) >= 0) {
                    errors.add(new FieldError(field, "must not contain control characters such as NUL (tab and line breaks are fine)"));
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new MalformedRequestException(errors);
        }
    }
}
