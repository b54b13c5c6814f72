/** The shipped bank ledger service: principal-owned accounts, deposits and transfers that never overdraw. */
package org.bftee.core.service.bank;
