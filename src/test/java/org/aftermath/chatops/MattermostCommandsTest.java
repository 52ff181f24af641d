package org.aftermath.chatops;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.chatops.link.ChatLinkService;
import org.aftermath.incident.Incident;
import org.aftermath.security.Role;
import org.aftermath.support.Chat;
import org.aftermath.support.Chat.Person;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.aftermath.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.aftermath.support.Chat.body;
import static org.aftermath.support.Chat.mattermostFields;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mattermost slash commands: the command token checked, the same commands and rules as Slack. */
@QuarkusTest
class MattermostCommandsTest {

    @Inject
    TestUsers users;

    @Inject
    ChatLinkService links;

    private Person linked(Role role, Credentials[] user) {
        Person who = Person.fresh();
        user[0] = users.fresh(role);
        links.link(Platform.MATTERMOST, who.teamId(), who.userId(), who.userName(), user[0].username(), "test");
        return who;
    }

    @Test
    void theRightTokenRunsTheCommandAsTheLinkedUser() {
        Credentials[] user = new Credentials[1];
        Person who = linked(Role.RESPONDER, user);
        String title = "Mattermost declaration " + System.nanoTime();
        Chat.mattermost(who, "declare sev3 " + title).then().statusCode(200).contentType("application/json")
                .body("response_type", equalTo("in_channel"))
                .body("text", containsString("[http://"))
                .body("text", containsString("**incident #"));
        List<Incident> found = Incident.list("title", title);
        assertEquals(1, found.size());
        TimelineEvent declared = TimelineEvent.forIncident(found.get(0).id).get(0);
        assertEquals(user[0].username(), declared.actor);
        assertEquals("mattermost #town-square", declared.source);
    }

    @Test
    void ackRecordsWhoTookTheIncident() {
        Credentials[] user = new Credentials[1];
        Person who = linked(Role.RESPONDER, user);
        long id = org.aftermath.support.Api.declare(users.as(Role.RESPONDER), "Paged by an alert " + System.nanoTime());
        Chat.mattermost(who, "ack " + id).then().statusCode(200).body("response_type", equalTo("in_channel"))
                .body("text", containsString(user[0].username() + " acknowledged"));
        List<TimelineEvent> events = TimelineEvent.forIncident(id);
        TimelineEvent ack = events.get(events.size() - 1);
        assertEquals(user[0].username() + " acknowledged", ack.text);
        assertEquals(user[0].username(), ack.actor);
        assertTrue(ack.key, "a key event: when someone took it");
        Chat.mattermost(who, "ack 999999999").then().statusCode(200).body("text", containsString("999999999"));
    }

    @Test
    void anyConfiguredTokenWorksAndTheFieldAloneIsEnough() {
        Person who = Person.fresh();
        Map<String, String> fields = mattermostFields(who, "town-square", "help", null);
        fields.put("token", "test-mattermost-token-two");
        Chat.mattermost(body(fields), "test-mattermost-token-two").then().statusCode(200)
                .body("response_type", equalTo("ephemeral")).body("text", containsString("Aftermath commands"))
                .body("text", containsString("`/incident declare <SEV1-4> <title…>`"));
        Chat.raw(body(mattermostFields(who, "town-square", "help", null))).post("/chatops/mattermost").then()
                .statusCode(200).body("text", containsString("not linked yet"));
    }

    @Test
    void aWrongOrMissingTokenIs401AndDoesNothing() {
        Credentials[] user = new Credentials[1];
        Person who = linked(Role.RESPONDER, user);
        String title = "Forged in Mattermost " + System.nanoTime();
        Map<String, String> fields = mattermostFields(who, "town-square", "declare sev1 " + title, null);
        Chat.mattermost(body(fields), "wrong-token").then().statusCode(401).contentType("application/problem+json");
        fields.put("token", "wrong-token");
        Chat.mattermost(body(fields), "wrong-token").then().statusCode(401);
        Chat.raw(body(fields)).post("/chatops/mattermost").then().statusCode(401);
        fields.remove("token");
        Chat.raw(body(fields)).post("/chatops/mattermost").then().statusCode(401);
        Chat.raw(body(fields)).header("Authorization", "Bearer " + user[0].token()).post("/chatops/mattermost").then()
                .statusCode(401);
        assertTrue(Incident.list("title", title).isEmpty());
    }

    @Test
    void theSameTextRepeatedWithinMinutesDeclaresOnce() {
        Credentials[] user = new Credentials[1];
        Person who = linked(Role.RESPONDER, user);
        String title = "Mattermost retry " + System.nanoTime();
        String first = Chat.mattermost(who, "declare sev2 " + title).then().statusCode(200).extract().asString();
        String again = Chat.mattermost(who, "declare sev2 " + title).then().statusCode(200).extract().asString();
        assertEquals(first, again);
        List<Incident> declared = Incident.list("title", title);
        assertEquals(1, declared.size());

        // Reading is never answered from memory: the same 'status' again shows what changed since.
        long id = declared.get(0).id;
        Chat.mattermost(who, "status " + id).then().statusCode(200).body("text", containsString("SEV2, INVESTIGATING"));
        Chat.mattermost(who, "mitigated " + id).then().statusCode(200).body("response_type", equalTo("in_channel"));
        Chat.mattermost(who, "status " + id).then().statusCode(200).body("text", containsString("SEV2, MITIGATED"));
    }
}
