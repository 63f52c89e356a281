package io.invertavatar.web;

import io.invertavatar.config.ConditionalOnRole;
import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.modelpack.ModelImportService;
import io.invertavatar.modelpack.ModelPackInfo;
import io.invertavatar.modelpack.ModelPackRegistry;
import io.invertavatar.security.AuditLog;
import io.invertavatar.security.Caller;
import io.invertavatar.security.CurrentCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "models", description = "Installed model packs")
@ConditionalOnRole("api")
public class ModelController {

    private final ModelPackRegistry registry;
    private final ModelImportService imports;
    private final CurrentCaller caller;
    private final AuditLog audit;

    public ModelController(ModelPackRegistry registry, ModelImportService imports, CurrentCaller caller, AuditLog audit) {
        this.registry = registry;
        this.imports = imports;
        this.caller = caller;
        this.audit = audit;
    }

    @Operation(summary = "Every model pack: the built-in open pack (kind open) and every pack found under the "
            + "models folder (kind invertavatar) with name, sizes, parameter count and status (READY, or BROKEN "
            + "with the reason; broken packs are never loaded)")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<ModelResponse> list() {
        return registry.listCurrent().stream().map(ModelResponse::of).toList();
    }

    /** @param path a .pkl file, relative to (or inside) {@code invertavatar.models.import-dir} */
    public record ImportRequest(String path, String name) {
    }

    public record ImportAccepted(UUID jobId, String name, String job) {
    }

    @Operation(summary = "Import an official checkpoint (.pkl) from the server's import folder as a model pack "
            + "(admin only). Answers 202 with the job; when it succeeds the pack is listed in GET /api/v1/models.")
    @ApiResponse(responseCode = "202", description = "queued")
    @ApiResponse(responseCode = "403", description = "not an admin key",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "a pack of that name exists (or the name is 'open')",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "the path is not a .pkl file inside the import folder",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ImportAccepted> importCheckpoint(@RequestBody ImportRequest request) {
        Caller c = caller.get();
        // the security filter already limits this path to admins; kept here so no other route can bypass it
        if (!c.isAdmin()) {
            throw new ServiceException(ErrorCode.FORBIDDEN, "Importing model packs needs an admin key.");
        }
        ModelImportService.Queued q = imports.queue(request == null ? null : request.path(),
                request == null ? null : request.name(), c.ownerId());
        audit.record(c, AuditLog.Action.CREATE, "model_pack", q.name());
        String jobUrl = "/api/v1/jobs/" + q.jobId();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(jobUrl))
                .body(new ImportAccepted(q.jobId(), q.name(), jobUrl));
    }

    /** One pack as listed; {@code sizes} are the configuration values that describe the network's size. */
    public record ModelResponse(String name, String kind, String status, String problem, long parameterCount,
                                long tensorCount, long bytes, java.util.Map<String, Object> sizes) {

        static ModelResponse of(ModelPackInfo i) {
            return new ModelResponse(i.name(), i.kind(), i.status().name(), i.problem(), i.parameterCount(),
                    i.tensorCount(), i.bytes(), io.invertavatar.modelpack.JsonValues.toMap(i.sizes()));
        }
    }
}
