package dev.fleetsim.desktop.fx;

import dev.fleetsim.desktop.FileDialogs;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The platform's file dialogs, starting in the folder last used. */
public final class FxFileDialogs implements FileDialogs {
    private final Supplier<Window> owner;
    private File lastFolder = new File(System.getProperty("user.dir"));

    public FxFileDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> open(String title, List<String> extensions) {
        FileChooser c = chooser(title, extensions);
        return remember(c.showOpenDialog(owner.get()));
    }

    @Override
    public Optional<Path> save(String title, String suggestedName, List<String> extensions) {
        FileChooser c = chooser(title, extensions);
        c.setInitialFileName(suggestedName);
        return remember(c.showSaveDialog(owner.get()));
    }

    @Override
    public Optional<Path> folder(String title) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        if (lastFolder.isDirectory()) {
            c.setInitialDirectory(lastFolder);
        }
        File f = c.showDialog(owner.get());
        if (f != null) {
            lastFolder = f.getParentFile() != null ? f.getParentFile() : f;
        }
        return Optional.ofNullable(f).map(File::toPath);
    }

    private FileChooser chooser(String title, List<String> extensions) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        if (lastFolder.isDirectory()) {
            c.setInitialDirectory(lastFolder);
        }
        for (String ext : extensions) {
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(java.util.Locale.ROOT) + " files", "*." + ext));
        }
        return c;
    }

    private Optional<Path> remember(File f) {
        if (f != null && f.getParentFile() != null && Files.isDirectory(f.getParentFile().toPath())) {
            lastFolder = f.getParentFile();
        }
        return Optional.ofNullable(f).map(File::toPath);
    }
}
