package dev.iamlint.core.engine;

import dev.iamlint.core.rule.Level;

/**
 * A problem of the run itself rather than of the linted content: an unreadable directory, an
 * expired suppression, a rule that failed. Reported in SARIF as a tool execution notification.
 *
 * @param level error, warning or note
 * @param message one line, no stack trace
 * @param path the file concerned (relative to the root), or null
 */
public record Notification(Level level, String message, String path) {}
