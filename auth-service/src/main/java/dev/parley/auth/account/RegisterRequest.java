package dev.parley.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.parley.platform.web.Name;

/** The guide's Register Request. */
record RegisterRequest(
        @NotBlank(message = "Username is required")
        @Size(min = 3, max = 32, message = "Username must be 3 to 32 characters")
        @Pattern(regexp = "^[A-Za-z0-9_]*$", message = "Username may contain only letters, digits and underscores")
        String username,

        @NotBlank(message = "Email is required")
        @Size(max = 254, message = "Email must be at most 254 characters")
        @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "Email must be a valid email address")
        String email,

        @NotBlank(message = "Password is required")
        @Size(min = 8, max = 64, message = "Password must be 8 to 64 characters")
        @Pattern(regexp = "^(?=.*\\p{L})(?=.*\\p{N}).*$", message = "Password must contain a letter and a digit")
        String password,

        @Size(min = 1, max = 64, message = "Display name must be 1 to 64 characters")
        @Name
        String displayName) {
}
