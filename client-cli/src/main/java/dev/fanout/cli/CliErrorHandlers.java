package dev.fanout.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.fanout.cli.client.Service;
import dev.fanout.cli.options.ValueFix;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Every error becomes one line on stderr, "fanout: " and what to fix, and an exit code from
 * {@link ExitCodes}; never a stack trace. picocli's own messages are reworded by exception type
 * where they would mislead or leave the fix out.
 */
final class CliErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {
    /** Options people carry over from other tools, and fanout's name for each. */
    private static final Map<String, String> SYNONYMS = Map.of("--from", "--start", "--begin", "--start", "--to", "--end",
            "--stop", "--end", "--threads", "--concurrency", "--workers", "--concurrency");

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("fanout: " + message(e, cmd, args));
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String message(ParameterException e, CommandLine cmd, String[] args) {
        // picocli checks required options before it reports unknown ones: the unknown ones come first here,
        // since a misspelt option is usually why a required one looks missing (--from/--to for --start/--end).
        List<String> unmatched = e instanceof UnmatchedArgumentException u ? u.getUnmatched() : cmd.getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            return unknown(cmd, unmatched);
        }
        if (e instanceof MissingParameterException missing) {
            return where(cmd) + "missing " + String.join(" and ", missing.getMissing().stream()
                    .map(CliErrorHandlers::synopsis).toList()) + helpHint(cmd);
        }
        if (e instanceof MutuallyExclusiveArgsException) {
            return exclusive(e, cmd.getCommandSpec(), args);
        }
        if (e.getCause() instanceof ValueFix fix && e.getArgSpec() instanceof OptionSpec option) {
            String name = option.longestName();
            boolean given = Stream.of(args).anyMatch(a -> a.equals(name) || a.startsWith(name + "="));
            // Not on the command line: the value came from the service's environment variable.
            String source = given ? name : Service.byOption(name).map(Service::env).filter(env -> System.getenv(env) != null)
                    .orElse(name);
            return source + " '" + e.getValue() + "': " + fix.getMessage() + ": use " + source + (source.equals(name) ? " " : "=")
                    + fix.fixed();
        }
        return e.getMessage();
    }

    /** Unknown options, each with the option meant when that can be told; or an unknown command. */
    private static String unknown(CommandLine cmd, List<String> unmatched) {
        CommandSpec spec = cmd.getCommandSpec();
        if (!unmatched.getFirst().startsWith("-") && !spec.subcommands().isEmpty()) {
            return "unknown command '" + unmatched.getFirst() + "': use " + oneOf(List.copyOf(spec.subcommands().keySet())) + helpHint(cmd);
        }
        List<String> options = new ArrayList<>();
        List<String> values = new ArrayList<>();
        boolean afterOption = false;
        for (String arg : unmatched) {
            if (arg.startsWith("-")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String meant = meant(cmd, name);
                options.add(name + (meant == null ? "" : " (use " + meant + ")"));
                afterOption = true;
            } else if (!afterOption) {
                values.add("'" + arg + "'");
            } else {
                afterOption = false; // the unknown option's value
            }
        }
        List<String> parts = new ArrayList<>();
        if (!options.isEmpty()) {
            parts.add((options.size() == 1 ? "unknown option " : "unknown options ") + String.join(", ", options));
        }
        if (!values.isEmpty()) {
            parts.add("unexpected " + (values.size() == 1 ? "argument " : "arguments ") + String.join(", ", values));
        }
        return where(cmd) + String.join("; ", parts) + helpHint(cmd);
    }

    /** The option the user probably meant: a known synonym, else picocli's closest spelling. */
    private static String meant(CommandLine cmd, String name) {
        String synonym = SYNONYMS.get(name);
        OptionSpec known = synonym == null ? null : cmd.getCommandSpec().findOption(synonym);
        if (known != null) {
            return synopsis(known);
        }
        List<String> suggestions = new UnmatchedArgumentException(cmd, List.of(name)).getSuggestions();
        return suggestions.isEmpty() ? null : suggestions.getFirst();
    }

    private static String synopsis(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() + " " + option.paramLabel() : arg.paramLabel();
    }

    /** The options of an exclusive group that were given together. */
    private static String exclusive(ParameterException e, CommandSpec spec, String[] args) {
        for (ArgGroupSpec group : spec.argGroups()) {
            if (!group.exclusive()) {
                continue;
            }
            List<String> given = group.options().stream().map(OptionSpec::longestName)
                    .filter(name -> List.of(args).contains(name)).toList();
            if (given.size() > 1) {
                return String.join(" and ", given) + " cannot be used together: pick one";
            }
        }
        return e.getMessage();
    }

    /** "compute: " before a subcommand's error; nothing at the top level, whose name is the line's prefix. */
    private static String where(CommandLine cmd) {
        return cmd.getParent() == null ? "" : cmd.getCommandSpec().name() + ": ";
    }

    /** "a, b or c". */
    private static String oneOf(List<String> names) {
        return names.size() == 1 ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    private static String helpHint(CommandLine cmd) {
        return " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')";
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        if (e instanceof ParameterException pe) {
            return handleParseException(pe, parseResult.originalArgs().toArray(String[]::new));
        }
        PrintWriter err = cmd.getErr();
        if (Interruption.requested()) {
            return Interruption.report(err); // the call failed because Ctrl-C cancelled it
        }
        if (e instanceof CliFailure failure) {
            err.println("fanout: " + failure.getMessage());
            err.flush();
            return failure.exitCode();
        }
        // Unexpected: still one line, with the type so a bug report says what broke.
        err.println("fanout: unexpected error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        err.flush();
        return ExitCodes.SOME_FAILED;
    }
}
