package org.aftermath.notify;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands one plain-text email to an email channel's own SMTP server, with a client made for that one send (each
 * channel has its own server and login, and sends are rare) and closed after it. Blocks the calling thread, which
 * is the deliverer's, never an event loop.
 */
@ApplicationScoped
class SmtpSender {

    private final Vertx vertx;
    private final NotifySettings settings;

    SmtpSender(Vertx vertx, NotifySettings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    /** Sends it or throws a {@link DeliveryException} naming the server and its answer, never the password. */
    void send(Channel channel, String subject, String text) throws DeliveryException {
        List<String> to = MailAddresses.parse(channel.mailTo);
        if (to == null || channel.smtpHost == null || channel.smtpPort == null || channel.mailFrom == null) {
            throw new DeliveryException("the channel's email settings are incomplete");
        }
        String server = channel.smtpHost + ":" + channel.smtpPort;
        MailMessage mail = new MailMessage().setFrom(channel.mailFrom).setTo(to)
                .setSubject(oneLine(subject)).setText(text);
        MailClient client = MailClient.create(vertx, config(channel));
        try {
            // The config bounds connecting; this bounds the whole conversation (the deliverer holds the row's lock
            // meanwhile), also with a server that takes the connection and never greets. Twice the timeout, as
            // for HTTP: one for connecting, one for the answers.
            client.sendMail(mail).toCompletionStage().toCompletableFuture()
                    .get(conversationLimit().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DeliveryException("could not send through " + server + ": " + reason(e.getCause(), channel));
        } catch (TimeoutException e) {
            throw new DeliveryException("no answer from " + server + " within " + seconds(conversationLimit()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while sending through " + server);
        } catch (RuntimeException e) {
            // Refused before any network (a setting the client cannot use): recorded and retried like any
            // failure, rather than rolling back the deliverer's transaction and coming back every poll.
            throw new DeliveryException("could not send through " + server + ": " + reason(e, channel));
        } finally {
            client.close();
        }
    }

    private Duration conversationLimit() {
        return settings.timeout().multipliedBy(2);
    }

    private MailConfig config(Channel channel) {
        int timeoutMillis = Math.toIntExact(Math.min(settings.timeout().toMillis(), Integer.MAX_VALUE));
        Channel.SmtpTls tls = channel.smtpTls == null ? Channel.SmtpTls.STARTTLS : channel.smtpTls;
        MailConfig config = new MailConfig(channel.smtpHost, channel.smtpPort)
                .setSsl(tls == Channel.SmtpTls.TLS)
                // REQUIRED, not OPTIONAL: a server (or someone in between) that drops STARTTLS must not get the
                // password and the message in the clear.
                .setStarttls(tls == Channel.SmtpTls.STARTTLS ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
                // The JVM's trust store and the host name: Vert.x checks no host name by default, so without this
                // any valid certificate would do.
                .setTrustAll(false).setHostnameVerificationAlgorithm("HTTPS")
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setKeepAlive(false).setMaxPoolSize(1)
                .setUserAgent("Aftermath");
        if (channel.smtpUsername == null) {
            config.setLogin(LoginOption.DISABLED);
        } else {
            config.setLogin(LoginOption.REQUIRED).setUsername(channel.smtpUsername)
                    .setPassword(channel.hasSecret() ? channel.secret : "");
        }
        return config;
    }

    /** The failure as one short line; the password is cut out should a server or library ever echo it. */
    private static String reason(Throwable cause, Channel channel) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName() : cause.getMessage();
        String line = message.strip().replaceAll("\\s+", " ");
        if (channel.hasSecret()) {
            line = line.replace(channel.secret, "(hidden)");
        }
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }

    /** Header text on one line: a line break in user text (an incident title) must not start a header of its own. */
    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t\\x00-\\x1F\\x7F\\u0085\\u2028\\u2029]+", " ").strip();
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
