package io.invertavatar.web;

import io.invertavatar.config.ConditionalOnRole;
import io.invertavatar.modelpack.ModelPackInfo;
import io.invertavatar.modelpack.ModelPackRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "models", description = "Installed model packs")
@ConditionalOnRole("api")
public class ModelController {

    private final ModelPackRegistry registry;

    public ModelController(ModelPackRegistry registry) {
        this.registry = registry;
    }

    @Operation(summary = "Every model pack found under the models folder: name, kind, sizes, parameter count and "
            + "status (READY, or BROKEN with the reason; broken packs are never loaded)")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<ModelResponse> list() {
        return registry.list().stream().map(ModelResponse::of).toList();
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
