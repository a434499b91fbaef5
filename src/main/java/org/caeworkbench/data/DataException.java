package org.caeworkbench.data;

/**
 * A problem with the user's data that the user can fix. The message is one sentence that names the
 * file (and the line and column where there is one) and is fit to show as is, in the window or on the
 * command line; the cause, if any, is for the log only.
 */
public class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(sentence(message));
    }

    public DataException(String message, Throwable cause) {
        super(sentence(message), cause);
    }

    /** "mice.csv, line 12, column 'Bcl2_N' (14): problem." */
    static DataException at(String file, long line, String column, int columnNumber, String problem) {
        return new DataException(file + ", line " + line + ", column '" + column + "' (" + columnNumber + "): " + problem);
    }

    /** "mice.csv, line 12: problem." */
    static DataException atLine(String file, long line, String problem) {
        return new DataException(file + ", line " + line + ": " + problem);
    }

    private static String sentence(String message) {
        if (message == null || message.isEmpty()) return "Unknown data problem.";
        char last = message.charAt(message.length() - 1);
        return last == '.' || last == '?' || last == '!' ? message : message + ".";
    }
}
