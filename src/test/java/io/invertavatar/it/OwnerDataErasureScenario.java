package io.invertavatar.it;

import io.invertavatar.security.Role;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.storage.BlobStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DELETE /api/v1/me/data} against one blob store: afterwards no row and no blob of the owner remains (every
 * table with an {@code owner_id} column is checked, so a new table without an eraser fails here), and another
 * owner's data is untouched. The audit trail is append-only by design and keeps its rows.
 */
abstract class OwnerDataErasureScenario extends KeysModeIntegrationTestBase {

    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void erasingAnOwnerLeavesNoRowAndNoBlobOfItAndTouchesNoOtherOwner() throws Exception {
        String alice = newKey("alice-erase", Role.USER);
        String bob = newKey("bob-erase", Role.USER);
        UUID aliceOwner = owner(alice);
        UUID bobOwner = owner(bob);

        List<UUID> aliceMedia = new ArrayList<>();
        List<UUID> aliceJobs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode up = uploadAndWait(alice);
            aliceMedia.add(UUID.fromString(up.get("mediaId").asString()));
            aliceJobs.add(UUID.fromString(up.get("jobId").asString()));
        }
        // one more still queued or running when the erasure comes
        JsonNode inFlight = json(uploadPng(alice));
        aliceMedia.add(UUID.fromString(inFlight.get("mediaId").asString()));
        aliceJobs.add(UUID.fromString(inFlight.get("jobId").asString()));
        JsonNode bobUp = uploadAndWait(bob);
        UUID bobMedia = UUID.fromString(bobUp.get("mediaId").asString());

        List<String> aliceBlobsBefore = blobs.list(BlobKeys.mediaPrefix(aliceMedia.get(0)));
        assertThat(aliceBlobsBefore).as("originals, frames, preview").hasSizeGreaterThanOrEqualTo(3);
        List<String> bobBlobsBefore = blobs.list(BlobKeys.mediaPrefix(bobMedia));
        Map<String, Long> bobRowsBefore = ownerRows(bobOwner);

        HttpResponse<byte[]> erased = send("DELETE", "/api/v1/me/data", alice, null);
        assertThat(erased.statusCode()).as(text(erased)).isEqualTo(204);

        // rows: every owner_id table (keys kept by default), and the tables that hang off alice's ids
        Map<String, Long> left = ownerRows(aliceOwner);
        left.remove("audit_events");
        assertThat(left.remove("api_keys")).as("the caller's key is kept").isEqualTo(1L);
        assertThat(left).as("rows of the erased owner").allSatisfy((table, n) -> assertThat(n).as(table).isZero());
        for (UUID id : aliceMedia) {
            assertThat(count("select count(*) from media_frames where media_id = ?", id)).isZero();
        }
        for (UUID id : aliceJobs) {
            assertThat(count("select count(*) from job_outbox where job_id = ?", id)).isZero();
        }
        // blobs: nothing under any of alice's media, nor anywhere else naming them
        for (UUID id : aliceMedia) {
            assertThat(blobs.list(BlobKeys.mediaPrefix(id))).as("blobs of media " + id).isEmpty();
        }
        List<String> everything = blobs.list("");
        for (UUID id : aliceMedia) {
            assertThat(everything).noneMatch(k -> k.contains(id.toString()));
        }
        assertThat(everything).noneMatch(k -> k.contains(aliceOwner.toString()));

        // bob: untouched
        assertThat(blobs.list(BlobKeys.mediaPrefix(bobMedia))).containsExactlyInAnyOrderElementsOf(bobBlobsBefore);
        assertThat(ownerRows(bobOwner)).isEqualTo(bobRowsBefore);
        assertThat(get("/api/v1/media/" + bobMedia, bob).statusCode()).isEqualTo(200);

        // alice: still a working key, nothing behind it, and the erasure is on the audit trail
        assertThat(get("/api/v1/media/" + aliceMedia.get(0), alice).statusCode()).isEqualTo(404);
        assertThat(json(get("/api/v1/me", alice)).get("usage").get("storedBytes").asLong()).isZero();
        assertThat(count("select count(*) from audit_events where owner_id = ? and resource_type = 'owner-data'",
                aliceOwner)).isEqualTo(1);

        // keys=true: the keys go too, this one included
        assertThat(send("DELETE", "/api/v1/me/data?keys=true", alice, null).statusCode()).isEqualTo(204);
        assertProblem(get("/api/v1/me", alice), 401, "UNAUTHORIZED");
        Map<String, Long> afterKeys = ownerRows(aliceOwner);
        afterKeys.remove("audit_events");
        assertThat(afterKeys).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
        assertThat(afterKeys).containsKeys("api_keys", "jobs", "media");
    }

    private UUID owner(String key) throws Exception {
        return UUID.fromString(json(get("/api/v1/me", key)).get("ownerId").asString());
    }

    private long count(String sql, UUID id) {
        Long n = jdbc.queryForObject(sql, Long.class, id);
        return n == null ? 0 : n;
    }

    /** Rows per table, for every table of the application's schema that has an owner_id column. */
    private Map<String, Long> ownerRows(UUID owner) {
        List<String> tables = jdbc.queryForList("""
                select table_name from information_schema.columns
                where column_name = 'owner_id' and table_schema = current_schema()""", String.class);
        Map<String, Long> rows = new HashMap<>();
        for (String t : tables) {
            rows.put(t, count("select count(*) from \"" + t + "\" where owner_id = ?", owner));
        }
        return rows;
    }
}
