package cn.changji.archive.api;

import java.util.List;

/** A failure the caller caused or must know about, with the HTTP status it deserves and a detail in plain words. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final List<?> errors;
    private Long retryAfterSeconds;

    public ProblemException(int status, String detail) {
        this(status, detail, null);
    }

    /** With the individual errors (records refused, fields at fault) the report lists. */
    public ProblemException(int status, String detail, List<?> errors) {
        super(detail);
        this.status = status;
        this.errors = errors;
    }

    public int status() {
        return status;
    }

    public List<?> errors() {
        return errors;
    }

    /** Tells the caller when to try again (the Retry-After header). */
    public ProblemException retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
