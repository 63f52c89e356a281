package io.invertavatar.nn.inversion;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FewShotChunksTest {

    @Test
    void oneAndTwoFramesAreRepeatedToFour() {
        assertArrayEquals(new int[] {0, 0, 0, 0}, FewShotChunks.plan(1).get(0));
        assertArrayEquals(new int[] {0, 1, 0, 1}, FewShotChunks.plan(2).get(0));
        assertEquals(1, FewShotChunks.plan(2).size());
    }

    @Test
    void fourFramesAreOneCallInOrder() {
        assertEquals(1, FewShotChunks.plan(4).size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, FewShotChunks.plan(4).get(0));
    }

    @Test
    void fiveFramesArePaddedWithTheFirstAndInterleaved() {
        // padded [0 1 2 3 4 0 1 2], two calls taking every second frame (spec §1.3)
        List<int[]> p = FewShotChunks.plan(5);
        assertEquals(2, p.size());
        assertArrayEquals(new int[] {0, 2, 4, 1}, p.get(0));
        assertArrayEquals(new int[] {1, 3, 0, 2}, p.get(1));
    }

    @Test
    void eightFramesAreTwoInterleavedCalls() {
        List<int[]> p = FewShotChunks.plan(8);
        assertArrayEquals(new int[] {0, 2, 4, 6}, p.get(0));
        assertArrayEquals(new int[] {1, 3, 5, 7}, p.get(1));
    }

    @Test
    void zeroFramesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FewShotChunks.plan(0));
    }

    @Test
    void matchesTheChunksOfTheEndToEndVector() throws Exception {
        Path json = Path.of(System.getProperty("invertavatar.golden.dir", "../shared/golden"), "e2e_fewshot.json");
        Assumptions.assumeTrue(Files.exists(json), "golden vectors absent: SKIPPED");
        JsonObject v = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        int n = (int) v.getAsJsonObject("tensors").getAsJsonObject("in.c").getAsJsonArray("shape").get(0).getAsInt();
        JsonArray expected = v.getAsJsonArray("calls").get(0).getAsJsonObject().getAsJsonObject("kwargs").getAsJsonArray("chunk_frames");
        List<int[]> plan = FewShotChunks.plan(n);
        assertEquals(expected.size(), plan.size());
        for (int i = 0; i < plan.size(); i++) {
            List<Integer> e = new ArrayList<>();
            for (JsonElement x : expected.get(i).getAsJsonArray()) {
                e.add(x.getAsInt());
            }
            assertArrayEquals(e.stream().mapToInt(Integer::intValue).toArray(), plan.get(i));
        }
    }
}
