package org.aftermath.chatops;

import org.aftermath.chatops.ChatCommand.ChangeSeverity;
import org.aftermath.chatops.ChatCommand.Confirm;
import org.aftermath.chatops.ChatCommand.Declare;
import org.aftermath.chatops.ChatCommand.FollowUp;
import org.aftermath.chatops.ChatCommand.Help;
import org.aftermath.chatops.ChatCommand.Impacts;
import org.aftermath.chatops.ChatCommand.Link;
import org.aftermath.chatops.ChatCommand.ListOpen;
import org.aftermath.chatops.ChatCommand.Mitigated;
import org.aftermath.chatops.ChatCommand.Note;
import org.aftermath.chatops.ChatCommand.PublicUpdate;
import org.aftermath.chatops.ChatCommand.Resolve;
import org.aftermath.chatops.ChatCommand.Run;
import org.aftermath.chatops.ChatCommand.Runbooks;
import org.aftermath.chatops.ChatCommand.Status;
import org.aftermath.chatops.ChatCommand.Usage;
import org.aftermath.incident.Severity;
import org.aftermath.status.PublicStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the text after the slash command into a {@link ChatCommand}, or a usage error that says what is
 * wrong. Pure: Slack and Mattermost share it, and it is tested without a server.
 */
public final class ChatCommandParser {

    /** Each command with its arguments, in the order help lists them. */
    static final Map<String, String> SYNTAX = syntax();

    private static final Pattern ID = Pattern.compile("#?([0-9]{1,18})");
    private static final Pattern PARAM_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

    public ChatCommand parse(String text) {
        String input = text == null ? "" : text.strip();
        if (input.isEmpty()) {
            return new Help(null);
        }
        List<Token> tokens;
        try {
            tokens = Token.split(input);
        } catch (IllegalArgumentException e) {
            return new Usage(null, e.getMessage());
        }
        String name = tokens.get(0).value().toLowerCase(Locale.ROOT);
        Args args = new Args(name, input, tokens);
        try {
            return switch (name) {
                case "help" -> new Help(null);
                case "declare" -> new Declare(args.severity(1), args.rest(2, "a title"));
                case "list" -> args.done(1, new ListOpen());
                case "status" -> tokens.size() == 1 ? new Status(null) : args.done(2, new Status(args.id(1, "incident id")));
                case "note" -> note(args);
                case "ack" -> args.done(2, new ChatCommand.Ack(args.id(1, "incident id")));
                case "sev" -> args.done(3, new ChangeSeverity(args.id(1, "incident id"), args.severity(2)));
                case "mitigated" -> {
                    Timed at = args.at(2, false);
                    yield args.done(at.next(), new Mitigated(args.id(1, "incident id"), at.time()));
                }
                case "resolve" -> {
                    Timed at = args.at(2, false);
                    yield args.done(at.next(), new Resolve(args.id(1, "incident id"), at.time()));
                }
                case "update" -> publicUpdate(args);
                case "impact" -> impacts(args);
                case "followup" -> new FollowUp(args.id(1, "incident id"), args.rest(2, "a title"));
                case "runbooks" -> args.done(1, new Runbooks());
                case "run" -> run(args);
                case "confirm" -> args.done(2, new Confirm(args.id(1, "run id")));
                case "link" -> args.done(1, new Link());
                default -> new Help("Unknown command '" + tokens.get(0).value() + "'.");
            };
        } catch (IllegalArgumentException e) {
            return new Usage(name, e.getMessage());
        }
    }

    private static ChatCommand note(Args args) {
        long incidentId = args.id(1, "incident id");
        Timed at = args.at(2, true);
        return new Note(incidentId, args.rest(at.next(), "the text of the note"), at.time());
    }

    /** {@code update 12 [identified] text…}: a leading status word, unquoted, is the update's status. */
    private static ChatCommand publicUpdate(Args args) {
        long incidentId = args.id(1, "incident id");
        PublicStatus status = null;
        int textAt = 2;
        if (args.tokens.size() > 2 && !args.tokens.get(2).quoted()) {
            status = PublicStatus.parse(args.tokens.get(2).value());
            if (status != null) {
                textAt = 3;
            }
        }
        return new PublicUpdate(incidentId, status, args.rest(textAt, "the text of the public update"));
    }

    /** {@code impact 12 mail=major-outage blog=degraded}, or {@code impact 12 none} to clear. */
    private static ChatCommand impacts(Args args) {
        long incidentId = args.id(1, "incident id");
        List<Token> rest = args.tokens.subList(Math.min(2, args.tokens.size()), args.tokens.size());
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("Missing service=impact pairs (or 'none' to clear them)");
        }
        if (rest.size() == 1 && rest.get(0).value().equalsIgnoreCase("none")) {
            return new Impacts(incidentId, Map.of());
        }
        Map<String, String> impacts = new LinkedHashMap<>();
        for (Token token : rest) {
            int equals = token.value().indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + token.value() + "' is not service=impact, e.g. mail=major-outage");
            }
            impacts.put(token.value().substring(0, equals), token.value().substring(equals + 1));
        }
        return new Impacts(incidentId, Collections.unmodifiableMap(impacts));
    }

    private static ChatCommand run(Args args) {
        long incidentId = args.id(1, "incident id");
        String runbook = args.word(2, "a runbook name");
        Map<String, String> params = new LinkedHashMap<>();
        boolean execute = false;
        for (Token token : args.tokens.subList(3, args.tokens.size())) {
            String value = token.value();
            if (!token.quoted() && value.equals("--execute")) {
                execute = true;
                continue;
            }
            if (!token.quoted() && value.startsWith("--")) {
                throw new IllegalArgumentException("Unknown option '" + value + "'; the only option is --execute");
            }
            int equals = value.indexOf('=');
            if (equals < 0 || !PARAM_KEY.matcher(value.substring(0, equals)).matches()) {
                throw new IllegalArgumentException("'" + value + "' is not a parameter; write key=value, "
                        + "quoting values with spaces: key=\"two words\"");
            }
            String key = value.substring(0, equals);
            if (params.put(key, value.substring(equals + 1)) != null) {
                throw new IllegalArgumentException("Parameter '" + key + "' is given twice");
            }
        }
        return new Run(incidentId, runbook, Collections.unmodifiableMap(params), execute);
    }

    /** Every command with a line of explanation, for help answers. */
    public String help(String command) {
        StringBuilder help = new StringBuilder();
        SYNTAX.forEach((name, syntax) -> help.append('`').append(command).append(' ').append(syntax).append("`\n"));
        help.append("A <time> is ").append(ChatTime.FORMS).append('.');
        return help.toString().strip();
    }

    private static Map<String, String> syntax() {
        Map<String, String> syntax = new LinkedHashMap<>();
        syntax.put("help", "help");
        syntax.put("declare", "declare <SEV1-4> <title…>");
        syntax.put("list", "list");
        syntax.put("status", "status [<incident id>]");
        syntax.put("note", "note <incident id> [at <time>] <text…>");
        syntax.put("ack", "ack <incident id>");
        syntax.put("sev", "sev <incident id> <SEV1-4>");
        syntax.put("mitigated", "mitigated <incident id> [at <time>]");
        syntax.put("resolve", "resolve <incident id> [at <time>]");
        syntax.put("update", "update <incident id> [investigating|identified|monitoring|resolved] <public text…>");
        syntax.put("impact", "impact <incident id> <service>=<degraded|partial-outage|major-outage> … | none");
        syntax.put("followup", "followup <incident id> <title…>");
        syntax.put("runbooks", "runbooks");
        syntax.put("run", "run <incident id> <runbook> [key=value …] [--execute]");
        syntax.put("confirm", "confirm <run id>");
        syntax.put("link", "link");
        return Collections.unmodifiableMap(syntax);
    }

    /** A time read at some position (null when none was given) and the position of the word after it. */
    private record Timed(ChatTime time, int next) {
    }

    /** The tokens after a command name, read by position; each reader throws with a message for the user. */
    private record Args(String name, String input, List<Token> tokens) {

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
