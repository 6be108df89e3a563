import java.nio.file.*;
import java.util.*;
import jdk.jfr.consumer.*;

/**
 * Where the CPU goes in a JFR recording (docs/benchmark.md, "Profile and fixes"): sums the execution samples
 * of chosen time windows by self frame, by inclusive frame, by the innermost policyflow frame, by the engine
 * command on the stack and by a coarse category (H2 parse / select / insert-update-delete / commit, MyBatis
 * dynamic SQL and result mapping). Record with a deep stack (the default 64 frames cuts Camunda's stacks):
 * JAVA_TOOL_OPTIONS=-XX:FlightRecorderOptions:stackdepth=256, then jcmd PID JFR.start settings=profile ….
 *
 * <p>java scripts/JfrSummary.java recording.jfr FROM-TO[,FROM-TO…] [threadRegex] [top]
 * (epoch seconds; the benchmark prints each run's end and wall time).
 */
public class JfrSummary {
  public static void main(String[] a) throws Exception {
    String[] ws = a[1].split(",");
    String threadRe = a.length > 2 ? a[2] : ".*";
    int top = a.length > 3 ? Integer.parseInt(a[3]) : 40;
    Map<String, Integer> self = new HashMap<>(), incl = new HashMap<>(), pfIncl = new HashMap<>(), pfTop = new HashMap<>(),
        threads = new HashMap<>(), cmdOuter = new HashMap<>(), cmdInner = new HashMap<>(), cats = new HashMap<>();
    int total = 0;
    try (RecordingFile f = new RecordingFile(Path.of(a[0]))) {
      while (f.hasMoreEvents()) {
        RecordedEvent e = f.readEvent();
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
        double t = e.getStartTime().toEpochMilli() / 1000.0;
        if (!inWindow(t, ws)) continue;
        RecordedThread th = e.getThread("sampledThread");
        String tn = th == null ? "?" : th.getJavaName();
        if (tn == null || !tn.matches(threadRe)) continue;
        RecordedStackTrace st = e.getStackTrace();
        if (st == null) continue;
        total++;
        threads.merge(tn.replaceAll("\\d+$", "N"), 1, Integer::sum);
        List<RecordedFrame> fr = st.getFrames();
        if (fr.isEmpty()) continue;
        self.merge(name(fr.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        boolean firstPf = true;
        for (RecordedFrame x : fr) {
          String n = name(x);
          if (seen.add(n)) {
            incl.merge(n, 1, Integer::sum);
            if (n.startsWith("org.policyflow")) pfIncl.merge(n, 1, Integer::sum);
          }
          if (firstPf && n.startsWith("org.policyflow")) { pfTop.merge(n, 1, Integer::sum); firstPf = false; }
        }
        if (firstPf) pfTop.merge("(no policyflow frame)", 1, Integer::sum);
        String outer = null, inner = null;
        for (int i = fr.size() - 1; i > 0; i--) {
          if (name(fr.get(i)).equals("org.camunda.bpm.engine.impl.interceptor.CommandContextInterceptor.execute")) {
            int j = i - 1;
            while (j > 0 && (name(fr.get(j)).contains("Interceptor") || name(fr.get(j)).contains("CommandExecutorImpl")
                || name(fr.get(j)).contains("Lambda") || name(fr.get(j)).contains("ExceptionUtil"))) j--;
            String c = name(fr.get(j));
            outer = c.substring(c.lastIndexOf('.', c.lastIndexOf('.') - 1) + 1);
            String d = j > 0 ? name(fr.get(j - 1)) : "";
            inner = outer + " > " + d.substring(d.lastIndexOf('.', d.lastIndexOf('.') - 1) + 1);
            break;
          }
        }
        cmdOuter.merge(String.valueOf(outer), 1, Integer::sum);
        cmdInner.merge(String.valueOf(inner), 1, Integer::sum);
        String cat = "other";
        for (int i = fr.size() - 1; i >= 0; i--) {
          String n = name(fr.get(i));
          if (n.startsWith("org.h2.engine.SessionLocal.commit")) { cat = "h2 commit"; break; }
          if (n.startsWith("org.h2.command.query.Select.queryWithoutCache")) { cat = "h2 select"; break; }
          if (n.startsWith("org.h2.command.dml.DataChangeStatement.update")) { cat = "h2 insert/update/delete"; break; }
          if (n.startsWith("org.h2.command.Parser") || n.startsWith("org.h2.command.Tokenizer")) { cat = "h2 parse"; break; }
          if (n.startsWith("org.apache.ibatis.scripting")) { cat = "mybatis dynamic sql"; break; }
          if (n.startsWith("org.apache.ibatis.executor.resultset")) { cat = "mybatis result mapping"; break; }
          if (n.startsWith("com.fasterxml.jackson")) { cat = "jackson"; break; }
          if (n.startsWith("org.camunda.spin")) { cat = "spin"; break; }
        }
        cats.merge(cat, 1, Integer::sum);
      }
    }
    System.out.println("samples " + total);
    print("threads", threads, total, top);
    print("category", cats, total, top);
    print("outermost command", cmdOuter, total, top);
    print("command > callee", cmdInner, total, top);
    print("self", self, total, top);
    print("policyflow inclusive", pfIncl, total, top);
    print("innermost policyflow frame", pfTop, total, top);
    print("inclusive", incl, total, top * 2);
  }
  static boolean inWindow(double t, String[] windows) {
    for (String w : windows) {
      String[] fromTo = w.split("-");
      if (t >= Double.parseDouble(fromTo[0]) && t <= Double.parseDouble(fromTo[1])) return true;
    }
    return false;
  }

  static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }
  static void print(String title, Map<String, Integer> m, int total, int top) {
    System.out.println("== " + title);
    m.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top)
        .forEach(e -> System.out.printf("%6d %5.1f%% %s%n", e.getValue(), 100.0 * e.getValue() / total, e.getKey()));
  }
}
