package io.maskstudio.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.rolling.RollingFileAppender;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * What --verbose adds: our own log events, stack traces included, copied to the command's stderr for as long
 * as the command runs. Also tells the user where the log file is. Works with logback (the backend the jar
 * ships); with another SLF4J backend verbose output is just the failing command's trace.
 */
final class VerboseLog implements AutoCloseable {
    static final String OUR_LOGGER = "io.maskstudio";

    private final Logger logger;
    private final WriterAppender appender;

    private VerboseLog(Logger logger, WriterAppender appender) {
        this.logger = logger;
        this.appender = appender;
    }

    /** Starts copying events to {@code err}; close() stops. */
    static VerboseLog copyTo(PrintWriter err) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return new VerboseLog(null, null);
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern("%-5level %logger{20} - %msg%n%ex");
        layout.start();
        WriterAppender appender = new WriterAppender(err, layout);
        appender.setContext(context);
        appender.setName("verbose");
        appender.start();
        Logger logger = context.getLogger(OUR_LOGGER);
        logger.addAppender(appender);
        return new VerboseLog(logger, appender);
    }

    @Override
    public void close() {
        if (logger == null) return;
        logger.detachAppender(appender);
        appender.stop();
    }

    /** The file our events are written to, or null when logging is not set up with a file. */
    static Path logFile() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return null;
        for (Iterator<ch.qos.logback.core.Appender<ILoggingEvent>> it = context.getLogger(OUR_LOGGER).iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof RollingFileAppender<ILoggingEvent> file && file.getFile() != null) return Path.of(file.getFile());
        }
        return null;
    }

    private static final class WriterAppender extends AppenderBase<ILoggingEvent> {
        private final PrintWriter out;
        private final PatternLayout layout;

        WriterAppender(PrintWriter out, PatternLayout layout) {
            this.out = out;
            this.layout = layout;
        }

        @Override
        protected void append(ILoggingEvent event) {
            out.print(layout.doLayout(event));
            out.flush();
        }
    }
}
