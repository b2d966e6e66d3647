package dev.fanout.runtime.admission;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.QuotaFailure;
import dev.fanout.v1.ErrorReason;
import dev.fanout.v1.support.DurationText;
import dev.fanout.v1.support.ErrorReasons;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * The statuses of a call the budget did not admit, in words a person acts on and, for programs, a
 * {@code google.rpc.ErrorInfo} (the contract's reason IN_FLIGHT_BUDGET, metadata {@code budget},
 * {@code limit}, {@code setting}) and a {@code google.rpc.QuotaFailure} naming the setting.
 */
final class BudgetRefusals {

    private BudgetRefusals() {
    }

    /** Every unit is taken and the queue is full: refused without waiting. */
    static StatusRuntimeException queueFull(BudgetSettings budget) {
        return exhausted(budget, "busy: all " + budget.capacity() + " " + budget.what() + " (" + budget.capacitySetting()
                + ") are taken and " + budget.maxWaiting() + " calls already wait for them (" + budget.maxWaitingSetting()
                + "); " + whatToDo(budget));
    }

    /** The call waited as long as a call may. */
    static StatusRuntimeException waitedTooLong(BudgetSettings budget, int units) {
        return exhausted(budget, "busy: this call waited " + DurationText.of(budget.maxWait()) + " (" + budget.maxWaitSetting()
                + ") for " + units + " of the " + budget.capacity() + " " + budget.what() + " ("
                + budget.capacitySetting() + ") and they did not come free; " + whatToDo(budget));
    }

    /** The caller's deadline came, or would have, before the call's turn. */
    static StatusRuntimeException deadlineWhileWaiting(BudgetSettings budget, int units) {
        return io.grpc.Status.DEADLINE_EXCEEDED.withDescription("the call's deadline came while it waited for " + units
                + " of the " + budget.capacity() + " " + budget.what() + " (" + budget.capacitySetting() + "), all in use; "
                + whatToDo(budget)).asRuntimeException();
    }

    private static String whatToDo(BudgetSettings budget) {
        return "retry with backoff, " + budget.advice() + ", or raise " + budget.capacitySetting() + " (or add pods)";
    }

    private static StatusRuntimeException exhausted(BudgetSettings budget, String message) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(ErrorReasons.info(ErrorReason.IN_FLIGHT_BUDGET)
                        .putMetadata("budget", budget.name())
                        .putMetadata("limit", Integer.toString(budget.capacity()))
                        .putMetadata("setting", budget.capacitySetting())
                        .build()))
                .addDetails(Any.pack(QuotaFailure.newBuilder()
                        .addViolations(QuotaFailure.Violation.newBuilder()
                                .setSubject(budget.capacitySetting())
                                .setDescription(budget.capacity() + " " + budget.what()))
                        .build()))
                .build());
    }
}
