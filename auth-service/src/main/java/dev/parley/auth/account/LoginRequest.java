package dev.parley.auth.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The guide's Login Request. */
record LoginRequest(
        @NotBlank(message = "Username is required") @Size(max = 254, message = "Username is too long") String username,
        @NotBlank(message = "Password is required") @Size(max = 128, message = "Password is too long") String password) {
}
