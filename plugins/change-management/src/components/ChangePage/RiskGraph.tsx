import { useNavigate } from 'react-router-dom';
import {
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
} from '@backstage/catalog-model';
import { useApiHolder, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogGraphApiRef,
  EntityRelationsGraph,
} from '@backstage/plugin-catalog-graph';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { EntityNames } from '../ChangesTable/cells';
import { DEFAULT_RISK_CONFIG } from '@trove/backstage-plugin-change-management-common';

/**
 * The affected entities and those that depend on them, drawn by the
 * catalog graph's own component. It follows `dependencyOf` only, the way
 * the blast radius is counted: what the affected entities depend on does
 * not break when they change, so it is not drawn. It goes as deep as the
 * assessment looks by default (changeManagement.risk.depth is backend
 * config). A node opens its entity's page. The graph needs the catalog graph plugin's API: in an
 * app without that plugin the affected entities are listed instead. Its
 * own module, so that the page loads it lazily.
 */
const RiskGraph = ({ entityRefs }: { entityRefs: string[] }) => {
  const entityRoute = useRouteRef(entityRouteRef);
  const navigate = useNavigate();
  const graphApi = useApiHolder().get(catalogGraphApiRef);
  if (!graphApi) {
    return (
      <>
        <EntityNames refs={entityRefs} />
        <Typography variant="body2" color="textSecondary">
          Install @backstage/plugin-catalog-graph in the app to see what depends
          on them.
        </Typography>
      </>
    );
  }
  return (
    <Box height={360}>
      <EntityRelationsGraph
        rootEntityNames={entityRefs.map(ref => parseEntityRef(ref))}
        relations={[RELATION_DEPENDENCY_OF]}
        maxDepth={DEFAULT_RISK_CONFIG.depth}
        mergeRelations
        zoom="enable-on-click"
        onNodeClick={node => {
          const { kind, namespace, name } = parseEntityRef(node.id);
          navigate(entityRoute({ kind, namespace, name }));
        }}
      />
    </Box>
  );
};

export default RiskGraph;
