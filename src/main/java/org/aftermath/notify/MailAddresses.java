package org.aftermath.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Comma-separated email addresses as an admin types them; a light check, the SMTP server has the last word. */
final class MailAddresses {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>]+@[^@\\s,<>]+\\.[^@\\s,<>]+");

    private MailAddresses() {
    }

    /** The addresses, or null when there are none or one is not an address. */
    static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<String> addresses = new ArrayList<>();
        for (String part : text.split(",")) {
            String address = part.strip();
            if (!ADDRESS.matcher(address).matches()) {
                return null;
            }
            addresses.add(address);
        }
        return addresses;
    }
}
