/** The flags Node runs ESCA Hub's server with (node-flags.mjs). */
export declare const SERVER_NODE_FLAGS: readonly string[];
