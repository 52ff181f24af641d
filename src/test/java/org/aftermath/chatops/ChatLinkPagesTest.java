package org.aftermath.chatops;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.chatops.link.ChatLink;
import org.aftermath.chatops.link.ChatLinkService;
import org.aftermath.incident.Incident;
import org.aftermath.security.Role;
import org.aftermath.security.User;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.Chat;
import org.aftermath.support.Chat.Person;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Linking chat accounts: the one-time code entered by the logged-in user, and the admin page. */
@QuarkusTest
class ChatLinkPagesTest {

    private static final Pattern CODE = Pattern.compile("\\*([A-Z2-9]{4}-[A-Z2-9]{4})\\*");

    @Inject
    TestUsers users;

    @Inject
    ChatLinkService links;

    private static String codeFrom(Response reply) {
        reply.then().statusCode(200).body("response_type", equalTo("ephemeral")).body("text", containsString("/account/chat"));
        Matcher matcher = CODE.matcher(reply.jsonPath().getString("text"));
        assertTrue(matcher.find(), reply.asString());
        return matcher.group(1);
    }

    @Test
    void theCodeFromChatLinksTheChatAccountToWhoeverEntersItLoggedIn() {
        Person who = Person.fresh();
        String code = codeFrom(Chat.slack(who, "link"));
        Credentials responder = users.fresh(Role.RESPONDER);
        Browser browser = Browser.loggedInAs(responder);

        browser.post("/account/chat/link", Map.of("code", code.toLowerCase().replace("-", " "))).then().statusCode(200)
                .body(containsString("@" + who.userName())).body(containsString(who.userId()))
                .body(containsString("Link it to " + responder.username()));
        // Looking at the code links nothing yet.
        assertTrue(ChatLink.byIdentity(Platform.SLACK, who.teamId(), who.userId()).isEmpty());

        browser.post("/account/chat/link/confirm", Map.of("code", code)).then().statusCode(303)
                .header("Location", endsWith("/account/chat"));
        assertEquals(responder.username(), ChatLink.byIdentity(Platform.SLACK, who.teamId(), who.userId()).orElseThrow().user.username);
        browser.get("/account/chat").then().statusCode(200).body(containsString("@" + who.userName()))
                .body(containsString("now acts as you"));

        String title = "Linked by code " + System.nanoTime();
        Chat.slack(who, "declare sev2 " + title).then().statusCode(200).body("response_type", equalTo("in_channel"));
        assertEquals(responder.username(), Incident.<Incident>list("title", title).get(0).createdBy);

        // A code works once.
        browser.post("/account/chat/link/confirm", Map.of("code", code)).then().statusCode(422)
                .body(containsString("unknown or has expired"));
    }

    @Test
    void wrongCodesAreRefusedBesideTheField() {
        Browser browser = Browser.loggedInAs(users.fresh(Role.VIEWER));
        browser.post("/account/chat/link", Map.of("code", "ABCD-EFGH")).then().statusCode(422)
                .body(containsString("unknown or has expired"));
        browser.post("/account/chat/link", Map.of("code", "short")).then().statusCode(422)
                .body(containsString("8-character code"));
        browser.postWithoutToken("/account/chat/link/confirm", Map.of("code", "ABCD-EFGH")).then().statusCode(403);
    }

    @Test
    void aNewCodeReplacesTheOldOneAndRelinkingMovesTheAccount() {
        Person who = Person.fresh();
        String first = codeFrom(Chat.slack(who, "link"));
        String second = codeFrom(Chat.slack(who, "link"));
        Browser browser = Browser.loggedInAs(users.fresh(Role.VIEWER));
        browser.post("/account/chat/link/confirm", Map.of("code", first)).then().statusCode(422);
        browser.post("/account/chat/link/confirm", Map.of("code", second)).then().statusCode(303);

        Credentials other = users.fresh(Role.OPERATOR);
        Browser otherBrowser = Browser.loggedInAs(other);
        otherBrowser.post("/account/chat/link/confirm", Map.of("code", codeFrom(Chat.slack(who, "link"))))
                .then().statusCode(303);
        assertEquals(other.username(), ChatLink.byIdentity(Platform.SLACK, who.teamId(), who.userId()).orElseThrow().user.username);
    }

    @Test
    void aRetriedLinkShowsTheSameCode() {
        Person who = Person.fresh();
        String first = codeFrom(Chat.mattermost(who, "link"));
        assertEquals(first, codeFrom(Chat.mattermost(who, "link")));
        Browser browser = Browser.loggedInAs(users.fresh(Role.VIEWER));
        browser.post("/account/chat/link/confirm", Map.of("code", first)).then().statusCode(303);
        assertTrue(ChatLink.byIdentity(Platform.MATTERMOST, who.teamId(), who.userId()).isPresent());
    }

    @Test
    void peopleUnlinkTheirOwnAccountsOnlyAndADisabledUsersLinkActsAsNobody() {
        Credentials owner = users.fresh(Role.RESPONDER);
        Person who = Person.fresh();
        long id = links.link(Platform.SLACK, who.teamId(), who.userId(), null, owner.username(), "test").id;

        Browser stranger = Browser.loggedInAs(users.fresh(Role.ADMIN));
        stranger.post("/account/chat/links/" + id + "/delete", Map.of()).then().statusCode(404);

        long userId = User.byUsername(owner.username()).orElseThrow().id;
        Api.as(users.as(Role.ADMIN)).body(Map.of("enabled", false)).patch("/api/users/" + userId).then().statusCode(200);
        Chat.slack(who, "declare sev1 while disabled").then().statusCode(200).body("text", containsString("Link your Slack account"));
        Api.as(users.as(Role.ADMIN)).body(Map.of("enabled", true)).patch("/api/users/" + userId).then().statusCode(200);

        Browser browser = Browser.loggedInAs(owner);
        browser.post("/account/chat/links/" + id + "/delete", Map.of()).then().statusCode(303);
        assertTrue(ChatLink.byIdentity(Platform.SLACK, who.teamId(), who.userId()).isEmpty());
    }

    @Test
    void anAdminLinksAndUnlinksAccountsByTheirChatIds() {
        Browser admin = Browser.loggedInAs(users.fresh(Role.ADMIN));
        Credentials operator = users.fresh(Role.OPERATOR);
        Person who = Person.fresh();
        Map<String, String> form = Map.of("platform", "MATTERMOST", "teamId", who.teamId(), "chatUserId", who.userId(),
                "chatUserName", who.userName(), "username", operator.username());
        admin.post("/admin/chat-links", form).then().statusCode(303).header("Location", endsWith("/admin/chat-links"));
        admin.get("/admin/chat-links").then().statusCode(200).body(containsString("@" + who.userName()))
                .body(containsString(operator.username()));
        Chat.mattermost(who, "help").then().body("text", containsString("you act as " + operator.username() + ", operator"));

        admin.post("/admin/chat-links", form).then().statusCode(409).body(containsString("already linked"));
        admin.post("/admin/chat-links", Map.of("platform", "IRC", "teamId", "", "chatUserId", "x", "username", "nobody-here"))
                .then().statusCode(422).body(containsString("must be one of")).body(containsString("is required"))
                .body(containsString("is not an Aftermath user"));

        long id = ChatLink.byIdentity(Platform.MATTERMOST, who.teamId(), who.userId()).orElseThrow().id;
        admin.post("/admin/chat-links/" + id + "/delete", Map.of()).then().statusCode(303);
        Chat.mattermost(who, "help").then().body("text", containsString("not linked yet"))
                .body("text", not(containsString(operator.username())));
    }
}
