/**
 * CAE Workbench: feature selection with Concrete Autoencoders (Balın, Abid and Zou, ICML 2019) for
 * people who work with a mouse and for scripts. {@link org.caeworkbench.Main} is the one launcher: no
 * arguments opens the window ({@code ui}), a command name runs the command line
 * ({@code cli}). The layers below, each depending only on those before it (ArchitectureTest):
 * {@code data} ← {@code core} ← {@code eval} ← {@code export} ← {@code app} ← {{@code cli}, {@code ui}}.
 * docs/architecture.md in the repository describes them and the path of the data.
 */
package org.caeworkbench;
