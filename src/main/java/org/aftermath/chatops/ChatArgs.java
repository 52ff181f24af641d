package org.aftermath.chatops;

import org.aftermath.incident.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The tokens after a chat command's name, read by position; each reader throws with a message for the user. */
record ChatArgs(String name, String input, List<Token> tokens) {

    private static final Pattern ID = Pattern.compile("#?([0-9]{1,18})");

    /** A time read at some position (null when none was given) and the position of the word after it. */
    record Timed(ChatTime time, int next) {
    }

    /**
     * An optional {@code at <time>} at {@code index}. Before free text, words that are not a time are left
     * as text ("note 12 at last it works"), unless they look like a mistyped one ("at 25:00").
     */
    Timed at(int index, boolean textFollows) {
        if (index >= tokens.size() || tokens.get(index).quoted() || !tokens.get(index).value().equalsIgnoreCase("at")) {
            return new Timed(null, index);
        }
        if (index + 1 >= tokens.size()) {
            if (textFollows) {
                return new Timed(null, index);
            }
            throw new IllegalArgumentException("Missing a time after 'at': write " + ChatTime.FORMS);
        }
        String word = tokens.get(index + 1).value();
        if (ChatTime.isDate(word)) {
            if (index + 2 >= tokens.size()) {
                throw ChatTime.notATime(word);
            }
            return new Timed(ChatTime.parse(word, tokens.get(index + 2).value()), index + 3);
        }
        ChatTime time = ChatTime.parse(word);
        if (time != null) {
            return new Timed(time, index + 2);
        }
        if (!textFollows || ChatTime.looksLikeTime(word)) {
            throw ChatTime.notATime(word);
        }
        return new Timed(null, index);
    }

    long id(int index, String what) {
        String value = word(index, "the " + what);
        var matcher = ID.matcher(value);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException("'" + value + "' is not a valid " + what + " (a number such as 12)");
        }
        return Long.parseLong(matcher.group(1));
    }

    Severity severity(int index) {
        String value = word(index, "a severity (SEV1 to SEV4)");
        String normal = value.toUpperCase(Locale.ROOT);
        for (Severity severity : Severity.values()) {
            if (severity.name().equals(normal) || severity.name().equals("SEV" + normal)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a severity; use SEV1 (worst) to SEV4");
    }

    String word(int index, String what) {
        if (index >= tokens.size()) {
            throw new IllegalArgumentException("Missing " + what);
        }
        return tokens.get(index).value();
    }

    /**
     * Everything from token {@code index} on, as typed (quotes kept), since free text is the person's own
     * words; a single quoted argument loses its quotes.
     */
    String rest(int index, String what) {
        if (index >= tokens.size()) {
            throw new IllegalArgumentException("Missing " + what);
        }
        Token first = tokens.get(index);
        if (index == tokens.size() - 1 && first.quoted()) {
            if (first.value().isBlank()) {
                throw new IllegalArgumentException("Missing " + what);
            }
            return first.value().strip();
        }
        return input.substring(first.start()).strip();
    }

    <T extends ChatCommand> T done(int expectedTokens, T command) {
        if (tokens.size() > expectedTokens) {
            throw new IllegalArgumentException("Unexpected '" + tokens.get(expectedTokens).value() + "'");
        }
        return command;
    }

    /** A word of the command line; {@code quoted} when the whole word was one quoted string. */
    record Token(String value, int start, boolean quoted) {

        /**
         * Splits on white space outside double quotes (straight or typographic, which chat clients like to
         * substitute). Inside quotes a backslash escapes the next character; quotes may start mid-word:
         * {@code key="two words"}.
         */
        static List<Token> split(String input) {
            List<Token> tokens = new ArrayList<>();
            StringBuilder current = null;
            int start = 0;
            boolean inQuotes = false;
            boolean wholeQuoted = false;
            for (int i = 0; i < input.length(); i++) {
                char c = input.charAt(i);
                if (inQuotes) {
                    if (c == '\\' && i + 1 < input.length()) {
                        current.append(input.charAt(++i));
                    } else if (c == '"' || c == '”') {
                        inQuotes = false;
                    } else {
                        current.append(c);
                    }
                    continue;
                }
                if (Character.isWhitespace(c)) {
                    if (current != null) {
                        tokens.add(new Token(current.toString(), start, wholeQuoted));
                        current = null;
                    }
                    continue;
                }
                if (current == null) {
                    current = new StringBuilder();
                    start = i;
                    wholeQuoted = c == '"' || c == '“';
                } else if (wholeQuoted) {
                    wholeQuoted = false; // text right after the closing quote: "a"b
                }
                if (c == '"' || c == '“') {
                    inQuotes = true;
                } else {
                    current.append(c);
                }
            }
            if (inQuotes) {
                throw new IllegalArgumentException("A quote is not closed");
            }
            if (current != null) {
                tokens.add(new Token(current.toString(), start, wholeQuoted));
            }
            return tokens;
        }
    }
}
