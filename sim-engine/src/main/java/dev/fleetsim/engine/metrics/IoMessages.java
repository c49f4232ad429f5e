package dev.fleetsim.engine.metrics;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * An I/O failure in words a user can act on: the reason first ("permission denied", "no space
 * left on device", "read-only file system"), then the file it happened to. The JDK's messages
 * are often only a path ({@code AccessDeniedException: runs/x/.jobs.csv.partial}).
 */
public final class IoMessages {
    private IoMessages() {
    }

    public static String describe(IOException e) {
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            String file = f.getFile() == null ? "" : f.getFile();
            String reason = f.getReason();
            if (e instanceof AccessDeniedException) {
                reason = "permission denied";
            } else if (e instanceof NoSuchFileException) {
                reason = "no such file or folder";
            } else if (e instanceof NotDirectoryException) {
                reason = "not a folder";
            } else if (e instanceof FileAlreadyExistsException) {
                reason = reason == null ? "already exists" : reason;
            } else if (e instanceof DirectoryNotEmptyException) {
                reason = "folder not empty";
            }
            if (reason == null || reason.isBlank()) {
                reason = e.getClass().getSimpleName();
            }
            reason = reason.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + reason.substring(1);
            return file.isEmpty() ? reason : reason + " (" + file + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ")";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
