package dev.fanout.v1.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import dev.fanout.v1.ErrorReason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorReasonsTest {

    @Test
    void theWireValuesAreTheOnesClientsAlreadyMatch() {
        ErrorInfo info = ErrorReasons.info(ErrorReason.CALL_TIME_CAP).build();
        assertEquals("CALL_TIME_CAP", info.getReason());
        assertEquals("fanout.dev", info.getDomain());
    }

    @Test
    void findsTheReasonOnlyInItsDomain() {
        ErrorInfo cap = ErrorReasons.info(ErrorReason.CALL_TIME_CAP).putMetadata("limit", "1h").build();
        Status details = Status.newBuilder()
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("CALL_TIME_CAP").setDomain("example.com").build()))
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("RATE_LIMITED").setDomain("fanout.dev").build()))
                .addDetails(Any.pack(cap))
                .build();

        assertEquals(Optional.of(cap), ErrorReasons.find(details, ErrorReason.CALL_TIME_CAP));
        assertEquals(Optional.empty(), ErrorReasons.find(Status.newBuilder().addDetails(details.getDetails(0)).build(),
                ErrorReason.CALL_TIME_CAP));
        assertEquals(Optional.empty(), ErrorReasons.find(null, ErrorReason.CALL_TIME_CAP));
    }
}
