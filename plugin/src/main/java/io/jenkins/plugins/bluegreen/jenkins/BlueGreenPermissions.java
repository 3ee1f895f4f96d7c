package io.jenkins.plugins.bluegreen.jenkins;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Item;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;

/**
 * {@code BlueGreen/Rollback}: may press the rollback, drill and reconcile buttons, which move live traffic or change the
 * record. Implied by Job/Configure, not Job/Build, so that an administrator can let people build without letting them
 * move live traffic, and grant it alone to an on-call operator (see docs/ui.md).
 *
 * <p>It stays in this parent package, outside the packages by role: a permission's ID is its group's class name and
 * its own ({@code io.jenkins.plugins.bluegreen.jenkins.BlueGreenPermissions.Rollback}), and authorization strategies
 * keep grants by that ID.
 */
public final class BlueGreenPermissions {

    public static final PermissionGroup GROUP =
            new PermissionGroup(BlueGreenPermissions.class, Messages._BlueGreenPermissions_Group());

    public static final Permission ROLLBACK = new Permission(GROUP, "Rollback",
            Messages._BlueGreenPermissions_Rollback_Description(), Item.CONFIGURE, PermissionScope.ITEM);

    private BlueGreenPermissions() {}

    /** Loads the permissions before authorization strategies read their configuration. */
    @Initializer(before = InitMilestone.SYSTEM_CONFIG_LOADED)
    public static void register() {
        // Touching the class creates the permissions.
    }
}
