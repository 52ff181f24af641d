package org.aftermath.web;

/** Constants shared by the HTML page resources. */
public final class Pages {

    /** What every page resource produces; the charset is explicit so browsers never guess. */
    public static final String HTML = "text/html;charset=UTF-8";

    private Pages() {
    }
}
