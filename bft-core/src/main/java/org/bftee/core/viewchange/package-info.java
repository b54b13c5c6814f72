/**
 * The view change with MACs (PROTOCOL.md, "View change with MACs"), starting with its pure core:
 * the checks of one VIEW-CHANGE from a peer ({@link org.bftee.core.viewchange.ViewChangeValidation}),
 * the decision procedure the new primary runs over the VIEW-CHANGEs it accepted
 * ({@link org.bftee.core.viewchange.DecisionProcedure}), and the check a backup makes of a NEW-VIEW
 * by running the same procedure over the messages the NEW-VIEW names
 * ({@link org.bftee.core.viewchange.NewViewCheck}). None of them keeps state between calls.
 */
package org.bftee.core.viewchange;
