package io.invertavatar.modelpack;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.jobs.JobContext;
import io.invertavatar.jobs.JobHandler;
import io.invertavatar.jobs.JobType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Path;

/**
 * CHECKPOINT_IMPORT: the REST import of an official checkpoint into a model pack, then a rescan of the models
 * folder so the pack is listed at once. The path is resolved against the import folder again here (the job row
 * holds it relative to that folder), so a job can never read outside it even if the folder moved in between.
 * A refused or unreadable checkpoint ends FAILED with {@link ErrorCode#INVALID_CHECKPOINT}; nothing is left in
 * the models folder (the importer writes into a hidden folder and renames it at the end).
 */
@Component
public class CheckpointImportHandler implements JobHandler {

    static final String PATH = "path";
    static final String NAME = "name";
    private static final Logger log = LoggerFactory.getLogger(CheckpointImportHandler.class);

    private final ModelPackProperties properties;
    private final ModelPackRegistry registry;

    public CheckpointImportHandler(ModelPackProperties properties, ModelPackRegistry registry) {
        this.properties = properties;
        this.registry = registry;
    }

    @Override
    public JobType type() {
        return JobType.CHECKPOINT_IMPORT;
    }

    @Override
    public void handle(JobContext context) {
        String name = context.inputs().get(NAME);
        Path pkl = ImportPaths.resolve(properties.importDir(), context.inputs().get(PATH));
        ModelImportService.checkName(properties.dir(), registry, name);
        context.progress(5, "importing checkpoint");
        ModelPackInfo info;
        try {
            info = new CheckpointImporter(properties.dir()).importCheckpoint(pkl, name, null);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ServiceException(ErrorCode.INVALID_CHECKPOINT, "The checkpoint could not be imported: " + e.getMessage(), e);
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.BAD_REQUEST) {
                throw new ServiceException(ErrorCode.INVALID_CHECKPOINT, e.getMessage(), e);
            }
            throw e;
        }
        context.progress(95, "verifying packs");
        registry.discover();
        log.info("imported model pack '{}': {} tensors, {} parameters", info.name(), info.tensorCount(), info.parameterCount());
    }
}
