package dev.parley.room.core;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.parley.platform.web.Name;

/** The guide's Create Room Request. */
record CreateRoomRequest(
        @Size(min = 1, max = 100, message = "Name must be 1 to 100 characters")
        @Name
        String name,

        @Size(max = 1000, message = "Description must be at most 1000 characters")
        String description,

        @Pattern(regexp = "^(direct|group|public|broadcast)$",
                message = "Type must be one of direct, group, public, broadcast")
        String type,

        @Size(max = 2048, message = "Avatar must be at most 2048 characters")
        @Pattern(regexp = "^https?://\\S+$", message = "Avatar must be an http(s) URL")
        String avatar,

        Boolean isPublic,

        @Min(value = 2, message = "Max members must be between 2 and 10000")
        @Max(value = 10000, message = "Max members must be between 2 and 10000")
        Integer maxMembers) {
}
