package org.caeworkbench.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting of a training run ({@code C} = {@link TrainingConfig}) or of reading a file
 * ({@code C} = {@link org.caeworkbench.data.ReadOptions}), declared once in {@link Settings}: its
 * command-line option, its default (read from {@code C}'s defaults), how its text becomes a value and
 * back, its range, its help and its label in the window. The command line, the window and the run's
 * record of its settings are all built from these entries.
 *
 * @param <C> the immutable settings object the value belongs to
 * @param <V> the value's type
 */
public final class Setting<C, V> {

    /** Text that is not a value of a setting; the message is the end of a sentence ("must be a whole number"). */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String reason) {
            super(reason);
        }
    }

    private final String name;
    private final List<String> aliases;
    private final String key;
    private final String json;
    private final String label;
    private final String subject;
    private final String paramLabel;
    private final String help;
    private final Function<String, V> parse;
    private final Function<V, String> format;
    private final Predicate<V> inRange;
    private final String range;
    private final Function<C, V> get;
    private final BiFunction<C, V, C> with;
    private final C defaults;
    private final List<String> choices;
    private final List<String> suggestions;
    private final String offWord;
    private final V offValue;
    private final String switchLabel;
    private final V typicalOn;
    private final Map<String, V> flags;

    private Setting(Builder<C, V> b) {
        this.name = Objects.requireNonNull(b.name);
        this.aliases = List.copyOf(b.aliases);
        this.key = Objects.requireNonNull(b.key);
        this.json = b.json != null ? b.json : name.replaceFirst("^--", "").replace('-', '_');
        this.label = Objects.requireNonNull(b.label, "label");
        this.subject = b.subject != null ? b.subject : label.toLowerCase(Locale.ROOT);
        this.paramLabel = b.paramLabel;
        this.help = Objects.requireNonNull(b.help, "help");
        this.parse = Objects.requireNonNull(b.parse, "parse");
        this.format = b.format != null ? b.format : v -> v == null ? "" : v.toString();
        this.inRange = b.inRange;
        this.range = b.range;
        this.get = Objects.requireNonNull(b.get, "get");
        this.with = Objects.requireNonNull(b.with, "with");
        this.defaults = Objects.requireNonNull(b.defaults, "defaults");
        this.choices = List.copyOf(b.choices);
        this.suggestions = List.copyOf(b.suggestions);
        this.offWord = b.offWord;
        this.offValue = b.offValue;
        this.switchLabel = b.switchLabel;
        this.typicalOn = b.typicalOn;
        this.flags = Map.copyOf(b.flags);
    }

    /** The command-line option, like {@code --batch-size}. */
    public String name() { return name; }
    /** Other names of the option ({@code --labels} for {@code --labels-file}). */
    public List<String> aliases() { return aliases; }
    /** A stable key: the window's control id ("field-" + key) and the name its saved value is kept under. */
    public String key() { return key; }
    /** The field's name in a run's config.json. */
    public String json() { return json; }
    /** The window's label. */
    public String label() { return label; }
    /** How a sentence names the setting in the window ("the batch size"). */
    public String subject() { return subject; }
    /** The option's parameter in the usage help ({@code N}, {@code RATE}); null: picocli's. */
    public String paramLabel() { return paramLabel; }
    /** What the setting does (the option's description and the window's tooltip). */
    public String help() { return help; }
    /** The range in words ("at least 1"), or null when any value of the type will do. */
    public String range() { return range; }
    /** For a choice: the words that may be given, in order; empty otherwise. */
    public List<String> choices() { return choices; }
    /** Typical values offered beside a free text (the window's editable list), e.g. mix:0.5; empty: none. */
    public List<String> suggestions() { return suggestions; }
    /** The word that switches the setting off ("off"), or null. */
    public String offWord() { return offWord; }
    /** The window's switch for a setting that can be off ("Convergence rule"), or null. */
    public String switchLabel() { return switchLabel; }
    /**
     * The text a switched-off setting takes when it is switched on with nothing typed (a setting off by
     * default has no value of its own to show): a typical value, or null when there is none.
     */
    public String typicalOnText() { return typicalOn == null ? null : format(typicalOn); }
    /** Flags that each set one value ({@code --transpose}, {@code --no-transpose}); empty for an option with a value. */
    public Map<String, V> flags() { return flags; }
    /** True for an option given as flags (no value of its own). */
    public boolean isFlags() { return !flags.isEmpty(); }

    /** The value in {@code c}. */
    public V get(C c) { return get.apply(c); }
    /** {@code c} with this setting changed to {@code v}. */
    public C with(C c, V v) { return with.apply(c, v); }
    /** The default value (from the defaults of {@code C}, never a literal of its own). */
    public V defaultValue() { return get(defaults); }
    /** The default as text; null when the default is no value (an optional file or column). */
    public String defaultText() {
        V v = defaultValue();
        return v == null ? null : format(v);
    }

    /** True when the value means "off" (the setting has an off word and this is its value). */
    public boolean isOff(V v) { return offWord != null && Objects.equals(v, offValue); }
    /** The value that means "off", or null. */
    public V offValue() { return offValue; }

    /** The value as text, the way {@link #parse} reads it back. */
    public String format(V v) {
        if (isOff(v)) return offWord;
        return format.apply(v);
    }

    /** The setting's value in {@code c} as text. */
    public String text(C c) { return format(get(c)); }

    /**
     * The value of a text (trimmed); {@link Invalid} with the reason when it is none or out of range.
     * An empty text is the default when the default is no value.
     */
    public V parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() && defaultValue() == null) return null;
        if (offWord != null && t.equalsIgnoreCase(offWord)) return offValue;
        V v = parse.apply(t);
        if (inRange != null && v != null && !inRange.test(v)) throw new Invalid("must be " + range);
        return v;
    }

    /** The value of a text, or an {@link IllegalArgumentException} with one sentence that names the setting as {@code who}. */
    public V value(String text, String who) {
        try {
            return parse(text);
        } catch (Invalid e) {
            throw new IllegalArgumentException(sentence(who, e, text));
        }
    }

    /** {@code c} with this setting set from text; a bad text is one sentence naming the setting as {@code who}. */
    public C apply(C c, String text, String who) {
        return with(c, value(text, who));
    }

    /** True when {@code v} is in the setting's range (or the setting has none, or {@code v} means off). */
    public boolean inRange(V v) {
        return inRange == null || v == null || isOff(v) || inRange.test(v);
    }

    /** The problem with this setting's value in {@code c} when it is out of range, else null. */
    public Problem check(C c) {
        V v = get(c);
        if (inRange(v)) return null;
        return new Problem(this, subject + " must be " + range + " (it is " + format(v) + ").");
    }

    /** "who must be a whole number (got 'x')." */
    public static String sentence(String who, Invalid e, String text) {
        return who + " " + e.getMessage() + " (got '" + (text == null ? "" : text.trim()) + "').";
    }

    @Override public String toString() { return name; }

    // ---- building entries (Settings)

    static <C, V> Builder<C, V> of(String name, String key, C defaults, Function<C, V> get, BiFunction<C, V, C> with) {
        Builder<C, V> b = new Builder<>();
        b.name = name;
        b.key = key;
        b.defaults = defaults;
        b.get = get;
        b.with = with;
        return b;
    }

    static final class Builder<C, V> {
        private String name;
        private final List<String> aliases = new ArrayList<>();
        private String key;
        private String json;
        private String label;
        private String subject;
        private String paramLabel;
        private String help;
        private Function<String, V> parse;
        private Function<V, String> format;
        private Predicate<V> inRange;
        private String range;
        private Function<C, V> get;
        private BiFunction<C, V, C> with;
        private C defaults;
        private final List<String> choices = new ArrayList<>();
        private final List<String> suggestions = new ArrayList<>();
        private String offWord;
        private V offValue;
        private String switchLabel;
        private V typicalOn;
        private final Map<String, V> flags = new LinkedHashMap<>();

        Builder<C, V> alias(String a) { aliases.add(a); return this; }
        Builder<C, V> json(String j) { json = j; return this; }
        Builder<C, V> label(String l) { label = l; return this; }
        Builder<C, V> subject(String s) { subject = s; return this; }
        Builder<C, V> param(String p) { paramLabel = p; return this; }
        Builder<C, V> help(String h) { help = h; return this; }
        Builder<C, V> parse(Function<String, V> p, Function<V, String> f) { parse = p; format = f; return this; }
        Builder<C, V> range(String words, Predicate<V> test) { range = words; inRange = test; return this; }
        Builder<C, V> choices(List<String> words) { choices.addAll(words); return this; }
        Builder<C, V> suggest(List<String> values) { suggestions.addAll(values); return this; }
        Builder<C, V> off(String word, V value, String switchText) { offWord = word; offValue = value; switchLabel = switchText; return this; }
        /** As {@link #off(String, Object, String)}, with the value a switch that is turned on starts from when none was typed. */
        Builder<C, V> off(String word, V value, String switchText, V whenOn) { typicalOn = whenOn; return off(word, value, switchText); }
        Builder<C, V> flag(String flag, V value) { flags.put(flag, value); return this; }
        Setting<C, V> build() { return new Setting<>(this); }
    }
}
