package io.maskstudio.data;

/**
 * A dataset could not be loaded. The message is meant for the user as is: it names the file, the
 * 1-based line and the column where that applies, what was expected and what was found.
 */
public class DataException extends Exception {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
