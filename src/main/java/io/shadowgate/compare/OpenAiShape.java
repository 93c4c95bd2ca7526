package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The two OpenAI answer shapes compared choice by choice: where a choice keeps its text, and what
 * a body must look like to be read as one.
 */
enum OpenAiShape {
    /** {@code choices[].message.content}, with a role and tool calls. */
    CHAT("an OpenAI chat completion"),
    /** {@code choices[].text}. */
    COMPLETIONS("an OpenAI completion");

    private final String description;

    OpenAiShape(String description) {
        this.description = description;
    }

    /** "an OpenAI chat completion", for the preview of a body that is not one. */
    String description() {
        return description;
    }

    /** Whether a parsed body is of this shape: an object whose {@code choices} is an array of objects. */
    boolean fits(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("choices").isArray()) {
            return false;
        }
        for (JsonNode choice : body.get("choices")) {
            if (!choice.isObject() || this == CHAT && !choice.path("message").isObject() && choice.has("message")) {
                return false;
            }
        }
        return true;
    }

    /** The path of choice {@code index}'s text. */
    NodePath textPath(int index) {
        NodePath choice = NodePath.ROOT.key("choices").index(index);
        return this == CHAT ? choice.key("message").key("content") : choice.key("text");
    }

    /**
     * Choice's text, or null when it has none: a missing or null value, or an empty string (a
     * tool-calling answer sends either). A chat content given as parts has its text parts joined.
     */
    String text(JsonNode choice) {
        JsonNode text = this == CHAT ? choice.path("message").path("content") : choice.path("text");
        String value = null;
        if (text.isTextual()) {
            value = text.textValue();
        } else if (text.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode part : text) {
                if (part.path("text").isTextual()) {
                    joined.append(part.get("text").textValue());
                }
            }
            value = joined.toString();
        }
        return value == null || value.isEmpty() ? null : value;
    }
}
