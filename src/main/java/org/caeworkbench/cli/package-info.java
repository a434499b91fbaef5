/**
 * The command line ({@code cae}, picocli): one command class per verb ({@code train}, {@code eval},
 * {@code compare}, {@code reproduce}, {@code report}, {@code impute}, {@code inspect}, {@code bench};
 * stability is {@code train --repeats}). Commands parse options, call the application layer ({@code app}) and
 * print; bad input is one sentence on stderr and exit code 2 (see {@link org.caeworkbench.cli.CaeCommand}).
 */
package org.caeworkbench.cli;
