import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  BLACKOUTS_ANNOTATION,
  parseBlackoutsAnnotation,
} from '@trove/backstage-plugin-change-management-common';

/**
 * Checks the `trove.io/change-blackouts` annotation as the catalog ingests
 * an entity, with the parser the change-management backend enforces it
 * with. A problem is emitted as an input error, so the catalog keeps the
 * entity's last good version and shows its owner the error on the entity
 * page; meanwhile the backend holds the entity's production deploys.
 */
export class BlackoutsAnnotationProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'ChangeManagementBlackoutsAnnotationProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const raw = entity.metadata.annotations?.[BLACKOUTS_ANNOTATION];
    if (raw === undefined) {
      return entity;
    }
    const { problems } = parseBlackoutsAnnotation(raw);
    if (problems.length) {
      emit(
        processingResult.inputError(
          location,
          `The ${BLACKOUTS_ANNOTATION} annotation of ${stringifyEntityRef(
            entity,
          )} cannot be read (${problems.join(
            '; ',
          )}). Production deploys of it and its parts are held until it is fixed: give a JSON array of { "start", "end", "reason" }, ISO date-times with start before end.`,
        ),
      );
    }
    return entity;
  }
}
