package io.jenkins.plugins.bluegreen.jenkins;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Item;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;

/** {@code BlueGreen/Rollback}: may press the rollback and drill buttons; everyone with Job/Build has it. */
public final class BlueGreenPermissions {

    public static final PermissionGroup GROUP =
            new PermissionGroup(BlueGreenPermissions.class, Messages._BlueGreenPermissions_Group());

    public static final Permission ROLLBACK = new Permission(GROUP, "Rollback",
            Messages._BlueGreenPermissions_Rollback_Description(), Item.BUILD, PermissionScope.ITEM);

    private BlueGreenPermissions() {}

    /** Loads the permissions before authorization strategies read their configuration. */
    @Initializer(before = InitMilestone.SYSTEM_CONFIG_LOADED)
    public static void register() {
        // Touching the class creates the permissions.
    }
}
