/**
 * The peer's composition: the sandboxes' Finos and Finmo APIs, from the OpenAPI
 * documents in ./openapi (the sandboxes serve none, so these are written from the
 * provider references and cover what the bench queries).
 *
 * SANDBOX_URL (a standalone `fingate sandbox`) is read when composing, so the
 * supergraph names its endpoints. The credentials are not: the transport reads
 * FINOS_API_KEY and FINMO_TOKEN from the gateway's environment on each request
 * ({env.*} interpolation), so no secret is written into supergraph.graphql.
 *
 * The one edit the documents cannot express: an order's account (the N+1 shape),
 * resolved by retrieveAccount with the order's account_id.
 */
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';


const sandbox = process.env.SANDBOX_URL;
if (!sandbox) {
  throw new Error('SANDBOX_URL (the standalone sandbox, e.g. http://127.0.0.1:8001) is required');
}

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('Finos', {
        source: './openapi/finos.json',
        endpoint: `${sandbox}/finos`,
        operationHeaders: { Authorization: 'Bearer {env.FINOS_API_KEY}' },
      }),
    },
    {
      sourceHandler: loadOpenAPISubgraph('Finmo', {
        source: './openapi/finmo.json',
        endpoint: `${sandbox}/finmo`,
        operationHeaders: { Authorization: 'Bearer {env.FINMO_TOKEN}' },
      }),
    },
  ],
  additionalTypeDefs: /* GraphQL */ `
    extend type Order {
      account: Account
        @resolveTo(
          sourceName: "Finos"
          sourceTypeName: "Query"
          sourceFieldName: "retrieveAccount"
          requiredSelectionSet: "{ account_id }"
          sourceArgs: { account_id: "{root.account_id}" }
        )
    }
  `,
});
