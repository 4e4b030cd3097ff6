/**
 * The peer gateway as `python -m bench peer` serves it: Hive Gateway's defaults over
 * the composed supergraph (mesh.config.ts). Named explicitly so that the gateway
 * does not load mesh.config.ts (compose-time only) as its own configuration.
 */
import { defineConfig } from '@graphql-hive/gateway';

export const gatewayConfig = defineConfig({
  supergraph: './supergraph.graphql',
});
