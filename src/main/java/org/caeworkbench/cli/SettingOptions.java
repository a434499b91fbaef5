package org.caeworkbench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caeworkbench.core.Setting;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A picocli mixin whose options are declared from the catalogue of settings (core.Settings) with
 * picocli's programmatic API, instead of one annotated field per option: {@link TrainingOptions} and
 * {@link ReadingOptions}. A command may take a part of the catalogue and give a setting another default
 * or description (cae bench times 8 epochs, not 300). The text given for each option is kept by setting
 * and turned into values by {@link #apply}, so that a bad value is one sentence naming the option.
 *
 * @param <C> the settings object the catalogue describes
 */
abstract class SettingOptions<C> {
    private final List<Setting<C, ?>> settings;
    private final Map<Setting<C, ?>, String> defaults = new LinkedHashMap<>();
    private final Map<Setting<C, ?>, String> descriptions = new LinkedHashMap<>();
    /** The text of each option with a value (its default when not given). */
    private final Map<Setting<C, ?>, String> text = new LinkedHashMap<>();
    /** The flags given, of settings given as flags (--transpose). */
    private final Map<String, Boolean> flags = new LinkedHashMap<>();
    /** The commands this mixin's options are declared on (once each). */
    private final java.util.Set<CommandSpec> declaredOn = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    SettingOptions(List<Setting<C, ?>> settings) {
        this.settings = List.copyOf(settings);
    }

    /** This command's default and description of one of its settings, in place of the catalogue's. */
    SettingOptions<C> override(Setting<C, ?> s, String defaultText, String description) {
        if (!settings.contains(s)) throw new IllegalArgumentException(s + " is not one of this command's settings");
        if (defaultText != null) defaults.put(s, defaultText);
        if (description != null) descriptions.put(s, description);
        return this;
    }

    List<Setting<C, ?>> settings() { return settings; }

    /** {@code base} with each setting of this mixin as given on the command line (or its default). */
    C apply(C base) {
        C c = base;
        for (Setting<C, ?> s : settings) {
            if (s.isFlags()) {
                c = applyFlags(s, c);
            } else {
                String t = text.get(s);
                if (t != null) c = s.apply(c, t, s.name());
            }
        }
        return c;
    }

    private <V> C applyFlags(Setting<C, V> s, C c) {
        List<String> given = new ArrayList<>();
        for (String f : s.flags().keySet()) if (Boolean.TRUE.equals(flags.get(f))) given.add(f);
        if (given.size() > 1)
            throw new IllegalArgumentException(String.join(" and ", given) + " contradict each other; give one.");
        return given.isEmpty() ? s.with(c, s.defaultValue()) : s.with(c, s.flags().get(given.get(0)));
    }

    /** The text given for a setting, or its default text. */
    String text(Setting<C, ?> s) {
        return text.get(s);
    }

    private void declare(CommandSpec command) {
        if (!declaredOn.add(command)) return;
        for (Setting<C, ?> s : settings) {
            if (s.isFlags()) {
                for (String f : s.flags().keySet()) {
                    clash(command, f);
                    command.addOption(OptionSpec.builder(f).type(boolean.class).arity("0")
                            .description(descriptions.getOrDefault(s, s.help()))
                            .setter(new ISetter() {
                                @Override public <T> T set(T value) { flags.put(f, (Boolean) value); return null; }
                            })
                            .getter(new IGetter() {
                                @SuppressWarnings("unchecked")
                                @Override public <T> T get() { return (T) flags.getOrDefault(f, false); }
                            }).build());
                }
                continue;
            }
            clash(command, s.name());
            String def = defaults.containsKey(s) ? defaults.get(s) : s.defaultText();
            String help = descriptions.getOrDefault(s, s.help() + (def == null ? "" : " Default: ${DEFAULT-VALUE}."));
            List<String> names = new ArrayList<>();
            names.add(s.name());
            names.addAll(s.aliases());
            OptionSpec.Builder b = OptionSpec.builder(names.toArray(String[]::new)).type(String.class).description(help)
                    .setter(new ISetter() {
                        @Override public <T> T set(T value) { text.put(s, (String) value); return null; }
                    })
                    .getter(new IGetter() {
                        @SuppressWarnings("unchecked")
                        @Override public <T> T get() { return (T) text.get(s); }
                    });
            if (def != null) b.defaultValue(def);
            if (s.paramLabel() != null) b.paramLabel(s.paramLabel());
            command.addOption(b.build());
        }
    }

    private static void clash(CommandSpec command, String name) {
        if (command.findOption(name) != null)
            throw new IllegalStateException(command.name() + " declares " + name + " itself and again from the catalogue of settings");
    }

    /**
     * Declares the options of every such mixin of a command (mixins of mixins included) on the command,
     * when picocli builds it; named by {@code @Command(modelTransformer = ...)} on each mixin class.
     */
    static final class Declare implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            declareAll(command, command);
            return command;
        }

        private static void declareAll(CommandSpec command, CommandSpec from) {
            for (CommandSpec mixin : from.mixins().values()) {
                if (mixin.userObject() instanceof SettingOptions<?> o) o.declare(command);
                declareAll(command, mixin);
            }
        }
    }
}
