import { useMemo } from 'react';
import { trainingStore, useTraining } from '../../stores/appStores';
import { FEATURE_MAPS_ID } from './FeatureMapsView';

/**
 * What makes sample tiles inspectable, for a run whose model has feature maps (undefined for
 * others): the inspected sample, and a pick that inspects another and brings its maps into view.
 */
export function useInspect() {
  const enabled = useTraining((s) => s.facts?.featureMaps === true);
  const index = useTraining((s) => s.inspected?.index);
  return useMemo(
    () =>
      enabled
        ? {
            index,
            pick: (picked: number) => {
              trainingStore.getState().inspect(picked);
              document
                .getElementById(FEATURE_MAPS_ID)
                ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
            },
          }
        : undefined,
    [enabled, index],
  );
}
