package io.invertavatar.modelpack;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobService;
import io.invertavatar.jobs.JobType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The REST import: checks what can be checked at once (path inside the import folder, pack name free), then
 * queues a {@link JobType#CHECKPOINT_IMPORT} job that {@link CheckpointImportHandler} runs on a worker.
 */
@Service
public class ModelImportService {

    private final ModelPackProperties properties;
    private final ModelPackRegistry registry;
    private final JobService jobs;
    private final TransactionTemplate tx;

    public ModelImportService(ModelPackProperties properties, ModelPackRegistry registry, JobService jobs,
                              TransactionTemplate tx) {
        this.properties = properties;
        this.registry = registry;
        this.jobs = jobs;
        this.tx = tx;
    }

    /** What was queued: the job and the name the pack will have. */
    public record Queued(UUID jobId, String name) {
    }

    public Queued queue(String path, String name, UUID ownerId) {
        Path pkl = ImportPaths.resolve(properties.importDir(), path);
        String packName = name == null || name.isBlank() ? ModelPackLayout.nameFromFile(pkl.getFileName().toString()) : name;
        checkName(properties.dir(), registry, packName);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put(CheckpointImportHandler.PATH, ImportPaths.relative(properties.importDir(), pkl));
        inputs.put(CheckpointImportHandler.NAME, packName);
        Job job = tx.execute(s -> jobs.enqueue(JobType.CHECKPOINT_IMPORT, inputs, null, null, ownerId));
        return new Queued(job.getId(), packName);
    }

    static void checkName(Path modelsDir, ModelPackRegistry registry, String packName) {
        if (!ModelPackLayout.validName(packName)) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "Pack names are 1-64 characters of a-z, 0-9, '.', '_' "
                    + "and '-', starting with a letter or digit.");
        }
        if (OpenPackCheck.NAME.equals(packName)) {
            throw new ServiceException(ErrorCode.CONFLICT, "The name 'open' belongs to the built-in open pack.");
        }
        if (registry.find(packName).isPresent() || Files.exists(modelsDir.resolve(packName))) {
            throw new ServiceException(ErrorCode.CONFLICT, "A model pack named '" + packName + "' already exists.");
        }
    }
}
