package dev.fanout.runtime.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallTimeCapTest {

    @Test
    void theLimitIsWrittenAsASettingWouldBe() {
        assertEquals("1h", new CallTimeCap(Duration.ofHours(1), "s").limitText());
        assertEquals("10m", new CallTimeCap(Duration.ofMinutes(10), "s").limitText());
        assertEquals("90s", new CallTimeCap(Duration.ofSeconds(90), "s").limitText());
        assertEquals("1500ms", new CallTimeCap(Duration.ofMillis(1500), "s").limitText());
    }

    @Test
    void theStatusCarriesTheErrorInfoAClientReads() {
        CallTimeCap cap = new CallTimeCap(Duration.ofHours(1), "fanout.compute.max-call-duration");
        var exceeded = cap.exceeded();
        assertEquals(Status.Code.DEADLINE_EXCEEDED, exceeded.getStatus().getCode());
        assertEquals(Map.of("limit", "1h", "setting", "fanout.compute.max-call-duration"),
                CallTimeCap.reported(exceeded).orElseThrow().getMetadataMap());
    }

    @Test
    void aPlainDeadlineIsNotTheCap() {
        assertEquals(Optional.empty(), CallTimeCap.reported(Status.DEADLINE_EXCEEDED.withDescription(
                "the call ran past this service's limit (fanout.compute.max-call-duration)").asRuntimeException()));
    }
}
