import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of an iam-lint run (tools/bench/README.md, "Profiling"): CPU samples
 * (jdk.ExecutionSample) and allocation samples (jdk.ObjectAllocationSample, weighted by bytes),
 * each as top methods by self and by inclusive (anywhere on the stack) share, and by the threads
 * they ran on. Java 17+, no dependencies:
 *
 * <pre>java tools/bench/JfrTop.java /tmp/r.jfr [TOP] [FILTER]</pre>
 *
 * FILTER (optional) keeps only frames whose class name starts with it for the self view
 * (e.g. {@code dev.iamlint}: the first iam-lint frame of each stack takes the sample).
 */
public final class JfrTop {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    String filter = args.length > 2 ? args[2] : null;
    Agg cpu = new Agg(), alloc = new Agg();
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    java.time.Instant start = null;
    for (RecordedEvent e : events) {
      if (e.getEventType().getName().equals("jdk.ExecutionSample") && (start == null || e.getStartTime().isBefore(start))) start = e.getStartTime();
    }
    // timeline: 200 ms buckets, samples per thread and per phase
    java.util.TreeMap<Long, Map<String, Long>> timeline = new java.util.TreeMap<>();
    for (RecordedEvent e : events) {
      String type = e.getEventType().getName();
      if (type.equals("jdk.ExecutionSample")) {
        cpu.add(e.getStackTrace(), 1, thread(e, "sampledThread"), filter);
        long bucket = java.time.Duration.between(start, e.getStartTime()).toMillis() / 200;
        String key = thread(e, "sampledThread").replaceAll("[0-9]+$", "") + ":" + phase(e.getStackTrace());
        timeline.computeIfAbsent(bucket, b -> new java.util.TreeMap<>()).merge(key, 1L, Long::sum);
        cpu.phases.merge(phase(e.getStackTrace()), 1L, Long::sum);
      } else if (type.equals("jdk.ObjectAllocationSample")) {
        alloc.add(e.getStackTrace(), e.getLong("weight"), thread(e, "eventThread"), filter);
        alloc.phases.merge(phase(e.getStackTrace()), e.getLong("weight"), Long::sum);
        String cls = e.getClass("objectClass") == null ? "?" : e.getClass("objectClass").getName();
        alloc.classes.merge(cls, e.getLong("weight"), Long::sum);
      }
    }
    cpu.print("CPU samples", top, false);
    alloc.print("Allocation (sampled bytes)", top, true);
    System.out.printf("%n== CPU timeline (200 ms buckets from the first sample; thread:phase=samples)%n");
    timeline.forEach((b, m) -> System.out.printf("%5.1fs  %s%n", b * 0.2, m));
  }

  /** Frames that only dispatch: the phase is the first iam-lint frame from the root that is not one. */
  static boolean dispatch(String cls, String m) {
    return cls.startsWith("dev.iamlint.cli.Main") || cls.equals("dev.iamlint.cli.CheckCommand") && m.equals("call")
        || cls.equals("dev.iamlint.core.engine.Engine") && (m.equals("run") || m.equals("parallel") || m.startsWith("lambda$"))
        || cls.startsWith("dev.iamlint.core.engine.Engine$$Lambda");
  }

  static String phase(RecordedStackTrace st) {
    if (st == null) return "?";
    List<RecordedFrame> frames = st.getFrames();
    String outer = null;
    for (int i = frames.size() - 1; i >= 0; i--) {
      RecordedFrame f = frames.get(i);
      if (!f.isJavaFrame()) continue;
      String cls = f.getMethod().getType().getName(), m = f.getMethod().getName();
      if (!cls.startsWith("dev.iamlint")) {
        if (outer == null) outer = cls.substring(cls.lastIndexOf('.') + 1) + "." + m;
        continue;
      }
      if (dispatch(cls, m)) continue;
      return cls.substring(cls.lastIndexOf('.') + 1) + "." + m;
    }
    return "(jvm:" + outer + ")";
  }

  static String thread(RecordedEvent e, String field) {
    try {
      var t = e.getThread(field);
      return t == null ? "?" : t.getJavaName() == null ? t.getOSName() : t.getJavaName();
    } catch (RuntimeException ex) {
      return "?";
    }
  }

  static final class Agg {
    long total;
    final Map<String, Long> self = new HashMap<>(), incl = new HashMap<>(), threads = new HashMap<>(), classes = new HashMap<>(),
        phases = new HashMap<>(), rules = new HashMap<>();

    void add(RecordedStackTrace st, long w, String thread, String filter) {
      total += w;
      threads.merge(thread, w, Long::sum);
      if (st == null) return;
      List<RecordedFrame> frames = st.getFrames();
      String selfName = null, rule = null;
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        if (!f.isJavaFrame()) continue;
        String cls = f.getMethod().getType().getName();
        if (cls.startsWith("dev.iamlint.rules.")) rule = cls.replaceAll("\\$.*", ""); // outermost rule frame wins
        String m = cls + "." + f.getMethod().getName();
        if (selfName == null && (filter == null || cls.startsWith(filter))) selfName = m;
        if (seen.add(m)) incl.merge(m, w, Long::sum);
      }
      self.merge(selfName == null ? "(other)" : selfName, w, Long::sum);
      if (rule != null) rules.merge(rule, w, Long::sum);
    }

    void print(String title, int top, boolean withClasses) {
      System.out.printf("%n== %s: total %d%n", title, total);
      section("by thread", threads, top);
      if (!phases.isEmpty()) section("by phase (first iam-lint frame below Engine.run / the worker lambda)", phases, top);
      section("by rule class (inclusive)", rules, top);
      section("self (top frame)", self, top);
      section("inclusive (on the stack)", incl, top);
      if (withClasses) section("by allocated class", classes, top);
    }

    void section(String name, Map<String, Long> m, int top) {
      System.out.printf("-- %s%n", name);
      List<Map.Entry<String, Long>> l = new ArrayList<>(m.entrySet());
      l.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
      for (int i = 0; i < Math.min(top, l.size()); i++) {
        var e = l.get(i);
        System.out.printf("%6.1f%%  %12d  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getValue(), e.getKey());
      }
    }
  }
}
