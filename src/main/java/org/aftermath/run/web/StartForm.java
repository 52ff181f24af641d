package org.aftermath.run.web;

import org.aftermath.InvalidInputException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;

import java.util.LinkedHashMap;
import java.util.Map;

/** The run form as posted: the fixed fields here, each parameter as {@code params.<name>} beside them. */
public record StartForm(@RestForm String runbook, @RestForm String mode, @RestForm String mitigationId) {

    private static final String PARAM_PREFIX = "params.";

    /** The {@code params.<name>} fields, by name, in the order posted. */
    static Map<String, String> paramsOf(FormData form) {
        Map<String, String> values = new LinkedHashMap<>();
        if (form == null) {
            return values;
        }
        for (String name : form) {
            if (name.startsWith(PARAM_PREFIX) && form.getFirst(name) != null) {
                values.put(name.substring(PARAM_PREFIX.length()), form.getFirst(name).getValue());
            }
        }
        return values;
    }

    /** The chosen mitigation step, or null for none. */
    Long mitigation() {
        if (mitigationId == null || mitigationId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(mitigationId.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("mitigationId", "must be a mitigation step of this incident");
        }
    }
}
