package io.shadowgate.sample;

/**
 * A validated OpenAI text-generation request, from {@code /v1/chat/completions} or
 * {@code /v1/completions}; see {@link CompletionRequestReader} for the fields and defaults.
 *
 * @param chat true for a chat completion, false for a plain completion
 * @param model the requested model name, echoed in the answer
 * @param prompt the text to continue: the last user message, or the prompt
 * @param promptTokens words in every message (or the prompt), for the usage block
 * @param maxTokens most words to generate
 * @param minTokens fewest words before a sentence end may stop the answer
 * @param temperature 0 for greedy, higher for flatter sampling
 * @param seed the sampling seed, or null for a fresh random one per request
 * @param n number of choices
 * @param stream answer as server-sent events
 * @param includeUsage with {@code stream}: end with a usage chunk ({@code stream_options.include_usage})
 */
record CompletionRequest(
        boolean chat,
        String model,
        String prompt,
        int promptTokens,
        int maxTokens,
        int minTokens,
        double temperature,
        Long seed,
        int n,
        boolean stream,
        boolean includeUsage) {}
