package org.policyflow.platform.reminders;

import java.text.SimpleDateFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Tells the people of a task that it is due soon or overdue: the assignee, or, while nobody has
 * claimed it, the candidate users and the members of the candidate groups, each with an e-mail
 * address. E-mail goes out only with {@code policyflow.reminders.mail.enabled=true} and a configured
 * SMTP server; every reminder is in any case kept in {@link #recent()} (the last 200), which the
 * engine's job then records as a task comment.
 */
@Component
public class ReminderNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(ReminderNotifier.class);
  private static final int KEPT = 200;

  private final ReminderProperties properties;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final String timeZone;
  private final Deque<Reminder> recent = new ArrayDeque<>();

  public ReminderNotifier(ReminderProperties properties, ObjectProvider<JavaMailSender> mailSender,
      @Value("${policyflow.time-zone:Asia/Shanghai}") String timeZone) {
    this.properties = properties;
    this.mailSender = mailSender;
    this.timeZone = timeZone;
  }

  /** Sends (or records) the reminder; called inside the engine's job, so identity lookups need no rights. */
  public Reminder remind(Task task, List<IdentityLink> links, Reminder.Kind kind, IdentityService identity) {
    List<String> recipients = recipients(task, links, identity);
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm");
    format.setTimeZone(TimeZone.getTimeZone(timeZone));
    String due = format.format(task.getDueDate());
    String subject = "【" + kind.chinese() + "】" + task.getName() + " / Task " + kind.english();
    String text = "您的待办任务“" + task.getName() + "”" + (kind == Reminder.Kind.OVERDUE ? "已于 " + due + " 逾期" : "将于 " + due + " 到期")
        + "，请登录任务列表（Tasklist）办理。\n"
        + "Your task \"" + task.getName() + "\" " + (kind == Reminder.Kind.OVERDUE ? "was due on " : "is due on ") + due
        + " (China Standard Time). Please complete it in Tasklist.";
    boolean mailed = false;
    JavaMailSender sender = mailSender.getIfAvailable();
    if (properties.mail().enabled() && sender != null && !recipients.isEmpty()) {
      SimpleMailMessage message = new SimpleMailMessage();
      if (properties.mail().from() != null) {
        message.setFrom(properties.mail().from());
      }
      message.setTo(recipients.toArray(String[]::new));
      message.setSubject(subject);
      message.setText(text);
      try {
        sender.send(message);
        mailed = true;
      } catch (RuntimeException e) {
        // An unreachable SMTP server must not fail the job over and over: the comment and the overdue
        // filter still tell the people concerned.
        LOG.warn("Reminder e-mail for task {} could not be sent: {}", task.getId(), e.getMessage());
      }
    }
    Reminder reminder = new Reminder(task.getId(), task.getName(), kind, task.getDueDate(), recipients, mailed,
        subject, text);
    synchronized (recent) {
      recent.addFirst(reminder);
      while (recent.size() > KEPT) {
        recent.removeLast();
      }
    }
    return reminder;
  }

  /** The latest reminders, newest first. */
  public List<Reminder> recent() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  private static List<String> recipients(Task task, List<IdentityLink> links, IdentityService identity) {
    Set<String> userIds = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      userIds.add(task.getAssignee());
    } else {
      for (IdentityLink link : links) {
        if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
          continue;
        }
        if (link.getUserId() != null) {
          userIds.add(link.getUserId());
        }
        if (link.getGroupId() != null) {
          identity.createUserQuery().memberOfGroup(link.getGroupId()).list().forEach(user -> userIds.add(user.getId()));
        }
      }
    }
    Set<String> addresses = new LinkedHashSet<>();
    for (String userId : userIds) {
      User user = identity.createUserQuery().userId(userId).singleResult();
      if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
        addresses.add(user.getEmail());
      }
    }
    return List.copyOf(addresses);
  }
}
