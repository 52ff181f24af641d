package org.aftermath.chatops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Outgoing JSON posts to chat (response URLs, incoming webhooks), on a small pool of their own so a slow chat
 * server never holds up a request or a transaction; a chat being down never fails the caller.
 */
@ApplicationScoped
class ChatHttp implements Executor {

    private static final Logger LOG = Logger.getLogger(ChatHttp.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    // HTTP/1.1: no h2c upgrade offered to a plain-http Mattermost (or a proxy in front of it) that may choke on it.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json;
    private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "chat-post");
        thread.setDaemon(true);
        return thread;
    });

    ChatHttp(ObjectMapper json) {
        this.json = json;
    }

    /** Runs chat work off the caller's thread. */
    @Override
    public void execute(Runnable work) {
        background.execute(work);
    }

    /** Blocks until answered; true for a 2xx answer. Failures are logged, never thrown. */
    boolean post(String url, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warnf("Chat post to %s answered %d: %s", host(url), response.statusCode(),
                        abbreviate(response.body()));
                return false;
            }
            return true;
        } catch (IllegalArgumentException | JsonProcessingException e) {
            LOG.warnf("Chat post to %s not sent: %s", host(url), e.getMessage());
            return false;
        } catch (IOException e) {
            LOG.warnf("Chat post to %s failed: %s", host(url), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // Response URLs and webhook URLs are secrets of a sort: only the host goes to the log.
    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "(malformed URL)";
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }
}
