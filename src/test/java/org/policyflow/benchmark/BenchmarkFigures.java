package org.policyflow.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The benchmark's figures: each one printed as a summary line {@code benchmark name=value unit (goal …)
 * PASS|MISS [load …]} and collected, with the details behind it, into {@code target/benchmark/result.json}.
 */
final class BenchmarkFigures {

  private final Map<String, Object> result = new LinkedHashMap<>();
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final List<String> lines = new ArrayList<>();

  BenchmarkFigures() {
    result.put("startedAt", Instant.now().toString());
    result.put("cpus", Runtime.getRuntime().availableProcessors());
    result.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    result.put("java", System.getProperty("java.version"));
    result.put("figures", figures);
  }

  /** A figure with a goal; {@code atMost} says whether the goal is an upper bound. */
  void figure(String name, double value, String unit, double goal, boolean atMost) {
    boolean pass = atMost ? value <= goal : value >= goal;
    record(name, value, unit, (atMost ? "≤ " : "≥ ") + format(goal) + " " + unit, pass ? "PASS" : "MISS", null, null);
  }

  /**
   * A figure measured several times: the median is the value and the only thing the verdict looks at, the
   * spread (lowest–highest) is printed beside it, so that one lucky or unlucky repetition cannot pass or
   * fail a goal and a reader sees how far the repetitions lay apart. {@code goal} null: no verdict.
   */
  void repeated(String name, double[] values, String unit, Double goal, boolean atMost) {
    double median = median(values);
    double low = Arrays.stream(values).min().orElse(Double.NaN);
    double high = Arrays.stream(values).max().orElse(Double.NaN);
    String spread = "median of " + values.length + ", spread " + format(low) + "–" + format(high) + " " + unit;
    String verdict = goal == null ? null : (atMost ? median <= goal : median >= goal) ? "PASS" : "MISS";
    record(name, median, unit, goal == null ? null : (atMost ? "≤ " : "≥ ") + format(goal) + " " + unit, verdict,
        spread, values);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** A figure reported for information only. */
  void figure(String name, double value, String unit) {
    record(name, value, unit, null, null, null, null);
  }

  private void record(String name, double value, String unit, String goal, String verdict, String spread,
      double[] values) {
    double load = loadAverage();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("value", value);
    entry.put("unit", unit);
    if (goal != null) {
      entry.put("goal", goal);
      entry.put("verdict", verdict);
    }
    if (values != null) {
      entry.put("repetitions", values);
      entry.put("spread", spread);
    }
    entry.put("loadAverage1m", load);
    figures.put(name, entry);
    String line = "benchmark " + name + "=" + format(value) + " " + unit
        + (spread == null ? "" : " (" + spread + ")")
        + (goal == null ? " (no goal)" : " (goal " + goal + ") " + verdict) + " [load " + load + "]";
    lines.add(line);
    System.out.println(line);
  }

  void detail(String key, Object value) {
    result.put(key, value);
  }

  Path write(Path directory) throws IOException {
    result.put("finishedAt", Instant.now().toString());
    result.put("summary", lines);
    Files.createDirectories(directory);
    Path file = directory.resolve("result.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
    return file;
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e12 ? String.valueOf((long) value)
        : String.format(java.util.Locale.ROOT, "%.3f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** The 1-minute load average of the machine, as uptime shows it. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
  }

  /** CPU time the whole JVM has used so far (every thread, GC included). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** VmRSS / VmHWM of this JVM in MiB, from /proc/self/status. */
  static long procStatusMiB(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** Resets VmHWM to the current RSS (Linux clear_refs 5), so a phase's peak is its own; false if refused. */
  static boolean resetPeakResident() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static double percentile(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  /**
   * Peak heap use during a phase: the larger of a 20 ms sampler and the heap occupancy just before every
   * garbage collection (the moment the heap is fullest), from the collectors' notifications.
   */
  static final class HeapPeak implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (notification, handback) -> {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
            (CompositeData) notification.getUserData());
        long before = info.getGcInfo().getMemoryUsageBeforeGc().entrySet().stream()
            .filter(e -> isHeapPool(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
        peak.accumulateAndGet(before, Math::max);
      }
    };
    private volatile boolean running = true;

    HeapPeak() {
      System.gc();
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener(listener, null, null);
          emitters.add(emitter);
        }
      }
      sampler = new Thread(() -> {
        while (running) {
          MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
          peak.accumulateAndGet(heap.getUsed(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "benchmark-heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    private static boolean isHeapPool(String pool) {
      return ManagementFactory.getMemoryPoolMXBeans().stream()
          .anyMatch(p -> p.getName().equals(pool) && p.getType() == java.lang.management.MemoryType.HEAP);
    }

    long peakMiB() {
      return peak.get() / (1024 * 1024);
    }

    @Override
    public void close() {
      running = false;
      sampler.interrupt();
      for (NotificationEmitter emitter : emitters) {
        try {
          emitter.removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException ignored) {
          // Registered above; nothing to remove means nothing to clean up.
        }
      }
    }
  }
}
