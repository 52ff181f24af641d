package org.aftermath;

/** The small text rules every feature shares: a required title, optional text that is blank means absent. */
public final class Texts {

    private Texts() {
    }

    /** The title stripped, or an {@link InvalidInputException} on {@code field} when blank or too long. */
    public static String requireTitle(String field, String title, int max) {
        if (title == null || title.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        String stripped = title.strip();
        if (stripped.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        return stripped;
    }

    /** Stripped text, or null when there is none. */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
