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

    private static final Pattern PARAM_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

    public ChatCommand parse(String text) {
        String input = text == null ? "" : text.strip();
        if (input.isEmpty()) {
            return new Help(null);
        }
        List<ChatArgs.Token> tokens;
        try {
            tokens = ChatArgs.Token.split(input);
        } catch (IllegalArgumentException e) {
            return new Usage(null, e.getMessage());
        }
        String name = tokens.get(0).value().toLowerCase(Locale.ROOT);
        ChatArgs args = new ChatArgs(name, input, tokens);
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
                    ChatArgs.Timed at = args.at(2, false);
                    yield args.done(at.next(), new Mitigated(args.id(1, "incident id"), at.time()));
                }
                case "resolve" -> {
                    ChatArgs.Timed at = args.at(2, false);
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

    private static ChatCommand note(ChatArgs args) {
        long incidentId = args.id(1, "incident id");
        ChatArgs.Timed at = args.at(2, true);
        return new Note(incidentId, args.rest(at.next(), "the text of the note"), at.time());
    }

    /** {@code update 12 [identified] text…}: a leading status word, unquoted, is the update's status. */
    private static ChatCommand publicUpdate(ChatArgs args) {
        long incidentId = args.id(1, "incident id");
        PublicStatus status = null;
        int textAt = 2;
        if (args.tokens().size() > 2 && !args.tokens().get(2).quoted()) {
            status = PublicStatus.parse(args.tokens().get(2).value());
            if (status != null) {
                textAt = 3;
            }
        }
        return new PublicUpdate(incidentId, status, args.rest(textAt, "the text of the public update"));
    }

    /** {@code impact 12 mail=major-outage blog=degraded}, or {@code impact 12 none} to clear. */
    private static ChatCommand impacts(ChatArgs args) {
        long incidentId = args.id(1, "incident id");
        List<ChatArgs.Token> rest = args.tokens().subList(Math.min(2, args.tokens().size()), args.tokens().size());
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("Missing service=impact pairs (or 'none' to clear them)");
        }
        if (rest.size() == 1 && rest.get(0).value().equalsIgnoreCase("none")) {
            return new Impacts(incidentId, Map.of());
        }
        Map<String, String> impacts = new LinkedHashMap<>();
        for (ChatArgs.Token token : rest) {
            int equals = token.value().indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + token.value() + "' is not service=impact, e.g. mail=major-outage");
            }
            impacts.put(token.value().substring(0, equals), token.value().substring(equals + 1));
        }
        return new Impacts(incidentId, Collections.unmodifiableMap(impacts));
    }

    private static ChatCommand run(ChatArgs args) {
        long incidentId = args.id(1, "incident id");
        String runbook = args.word(2, "a runbook name");
        Map<String, String> params = new LinkedHashMap<>();
        boolean execute = false;
        for (ChatArgs.Token token : args.tokens().subList(3, args.tokens().size())) {
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
}
