package org.fieldmark.adapter.local.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** What a SQLite failure means for the caller: the error family's storage failure, with a hint. */
final class SqliteErrors {

    private SqliteErrors() {
    }

    static int primaryCode(SQLException e) {
        return e instanceof SQLiteException sqlite ? sqlite.getResultCode().code & 0xff : e.getErrorCode() & 0xff;
    }

    static StorageUnavailableException failure(String what, Path file, SQLException e) {
        int code = primaryCode(e);
        boolean retryable = code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code
                || code == SQLiteErrorCode.SQLITE_IOERR.code || code == SQLiteErrorCode.SQLITE_FULL.code;
        String hint;
        if (code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            hint = "; the file is not a usable SQLite database: restore it from a backup or point sightings.path"
                    + " to another file";
        } else if (code == SQLiteErrorCode.SQLITE_CANTOPEN.code || code == SQLiteErrorCode.SQLITE_READONLY.code
                || code == SQLiteErrorCode.SQLITE_PERM.code) {
            hint = "; make the file and its folder writable or point sightings.path elsewhere";
        } else if (retryable) {
            hint = "; try again later";
        } else {
            hint = "";
        }
        return new StorageUnavailableException("could not " + what + " the sightings database " + file + " ("
                + e.getMessage() + ")" + hint, retryable, e);
    }
}
