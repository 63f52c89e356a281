package io.invertavatar.security;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creates, lists, revokes and checks API keys. */
@Service
public class ApiKeyService {

    /** A key just created: the token is in clear here and nowhere else, ever. */
    public record CreatedKey(ApiKey key, String token) {
    }

    private final ApiKeyRepository repository;
    private final PasswordEncoder encoder = Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Clock clock;

    public ApiKeyService(ApiKeyRepository repository) {
        this.repository = repository;
        this.clock = Clock.systemUTC();
    }

    /** @param ownerId the owner the key acts for; null makes a new owner */
    @Transactional
    public CreatedKey create(String name, Role role, UUID ownerId) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "A key needs a name of 1 to 100 characters.");
        }
        ApiKeyFormat.NewKey k = ApiKeyFormat.generate();
        ApiKey key = new ApiKey(k.keyId(), encoder.encode(k.secret()), name.strip(),
                ownerId != null ? ownerId : UUID.randomUUID(), role, clock.instant());
        return new CreatedKey(repository.save(key), k.token());
    }

    public List<ApiKey> list(Caller caller) {
        return caller.isAdmin() ? repository.findAllByOrderByCreatedAtAsc()
                : repository.findByOwnerIdOrderByCreatedAtAsc(caller.ownerId());
    }

    @Transactional
    public ApiKey revoke(UUID id, Caller caller) {
        ApiKey key = repository.findById(id).filter(k -> caller.mayAccess(k.getOwnerId()))
                .orElseThrow(() -> new ServiceException(ErrorCode.NOT_FOUND, "No key " + id + "."));
        key.revoke(clock.instant());
        return key;
    }

    /**
     * Sets a key's quota overrides (admins only). Someone else's key answers 404 like a missing one; one's own key
     * without the admin role is a 403.
     */
    @Transactional
    public ApiKey setQuotas(UUID id, QuotaOverrides overrides, Caller caller) {
        ApiKey key = repository.findById(id).filter(k -> caller.mayAccess(k.getOwnerId()))
                .orElseThrow(() -> new ServiceException(ErrorCode.NOT_FOUND, "No key " + id + "."));
        if (!caller.isAdmin()) {
            throw new ServiceException(ErrorCode.FORBIDDEN, "Only an admin key may change quotas.");
        }
        if (overrides == null) {
            throw new ServiceException(ErrorCode.BAD_REQUEST,
                    "Send {\"jobsPerHour\":…,\"concurrentJobs\":…,\"storedBytes\":…} (null keeps the default).");
        }
        key.setQuotaOverrides(overrides);
        return key;
    }

    /**
     * Sets a key's watermark switch (admins only, like quotas): true / false forces the visible watermark on / off
     * for the avatars and videos the key creates, null returns it to the global setting.
     */
    @Transactional
    public ApiKey setWatermark(UUID id, Boolean watermark, Caller caller) {
        ApiKey key = repository.findById(id).filter(k -> caller.mayAccess(k.getOwnerId()))
                .orElseThrow(() -> new ServiceException(ErrorCode.NOT_FOUND, "No key " + id + "."));
        if (!caller.isAdmin()) {
            throw new ServiceException(ErrorCode.FORBIDDEN, "Only an admin key may change the watermark setting.");
        }
        key.setWatermark(watermark);
        return key;
    }

    /** A key's watermark switch; empty when it has none (null) or there is no key (local mode, signed URLs). */
    @Transactional(readOnly = true)
    public Optional<Boolean> watermark(UUID keyId) {
        return keyId == null ? Optional.empty() : repository.findById(keyId).map(ApiKey::getWatermark);
    }

    /** The overrides of a key; none for an unknown key (local mode, signed URLs). */
    @Transactional(readOnly = true)
    public QuotaOverrides overrides(UUID keyId) {
        return keyId == null ? QuotaOverrides.NONE
                : repository.findById(keyId).map(ApiKey::getQuotaOverrides).orElse(QuotaOverrides.NONE);
    }

    /** Deletes every key of an owner (the last step of "erase my data" when the caller asks for it). */
    @Transactional
    public int deleteAllOf(UUID ownerId) {
        List<ApiKey> all = repository.findByOwnerIdOrderByCreatedAtAsc(ownerId);
        repository.deleteAll(all);
        return all.size();
    }

    /** The caller a token stands for; empty for an unknown, malformed, wrong or revoked key. */
    public Optional<Caller> authenticate(String token) {
        Optional<ApiKeyFormat.Parsed> parsed = ApiKeyFormat.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Optional<ApiKey> key = repository.findByKeyId(parsed.get().keyId());
        if (key.isEmpty() || key.get().isRevoked() || !encoder.matches(parsed.get().secret(), key.get().getSecretHash())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        repository.touch(key.get().getId(), now, now.minus(Duration.ofMinutes(1)));
        return Optional.of(new Caller(key.get().getOwnerId(), key.get().getRole(), key.get().getName(),
                key.get().getId()));
    }
}
